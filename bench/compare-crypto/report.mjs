// Prints the side-by-side table and the target check for bench/compare-crypto (called by run.sh).
//
//   node report.mjs CAIRN.jsonl SCURE.jsonl
//
// Each file holds one JSON object per op ({"op","ops_per_sec","us_per_op",...}); the ratio is
// Cairn ops/s ÷ scure ops/s (how many times faster Cairn is).
import { readFileSync } from 'node:fs';

const [cairnPath, scurePath] = process.argv.slice(2);
if (!cairnPath || !scurePath) {
  console.error('usage: node report.mjs CAIRN.jsonl SCURE.jsonl');
  process.exit(2);
}
const load = (p) =>
  new Map(
    readFileSync(p, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      .map((r) => [r.op, r]),
  );
const cairn = load(cairnPath);
const scure = load(scurePath);

const LABELS = {
  pedersen: 'pedersen(a,b)',
  poseidon: 'poseidon(a,b)',
  poseidon_many: 'poseidon_many(10)',
  ecdsa_sign: 'ecdsa sign',
  ecdsa_verify: 'ecdsa verify',
  public_key: 'public key (getStarkKey)',
  keccak256: 'keccak256 (32 B)',
  felt_mul: 'felt mul (x=x*y chain)',
};

const ops = [...new Set([...cairn.keys(), ...scure.keys()])];
const fmtOps = (v) => (v === undefined ? '-' : Math.round(v).toLocaleString('en-US'));
const fmtUs = (v) => (v === undefined ? '-' : v >= 100 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(4));
const ratioOf = (op) => {
  const c = cairn.get(op), s = scure.get(op);
  return c && s ? c.ops_per_sec / s.ops_per_sec : undefined;
};
const fmtRatio = (r) => (r === undefined ? '-' : (r >= 10 ? r.toFixed(1) : r.toFixed(2)) + 'x');

const header = ['op', 'Cairn ops/s', 'Cairn µs/op', 'scure ops/s', 'scure µs/op', 'ratio (Cairn/scure)'];
const rows = ops.map((op) => {
  const c = cairn.get(op), s = scure.get(op);
  return [LABELS[op] ?? op, fmtOps(c?.ops_per_sec), fmtUs(c?.us_per_op), fmtOps(s?.ops_per_sec), fmtUs(s?.us_per_op), fmtRatio(ratioOf(op))];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));

// ---- targets ------------------------------------------------------------------------------------
const TARGETS = [
  { op: 'pedersen', name: 'Pedersen', minRatio: 50, maxUs: 25 },
  { op: 'poseidon', name: 'Poseidon pair', minRatio: 50, maxUs: 10 },
  { op: 'ecdsa_verify', name: 'ECDSA verify', minRatio: 10, maxUs: 250 },
  { op: 'ecdsa_sign', name: 'ECDSA sign', maxUs: 150 },
  { op: 'felt_mul', name: 'Felt mul', maxNs: 35 },
];
console.log('');
console.log('targets (Cairn):');
let met = 0, checked = 0;
for (const t of TARGETS) {
  const c = cairn.get(t.op);
  const want = [], got = [];
  let ok = c !== undefined;
  if (t.minRatio !== undefined) {
    const r = ratioOf(t.op);
    want.push(`>= ${t.minRatio}x scure`);
    got.push(r === undefined ? 'ratio n/a' : `${fmtRatio(r)}`);
    ok &&= r !== undefined && r >= t.minRatio;
  }
  if (t.maxUs !== undefined) {
    want.push(`<= ${t.maxUs} µs`);
    got.push(c ? `${fmtUs(c.us_per_op)} µs` : 'n/a');
    ok &&= c !== undefined && c.us_per_op <= t.maxUs;
  }
  if (t.maxNs !== undefined) {
    want.push(`<= ${t.maxNs} ns`);
    got.push(c ? `${c.ns_per_op.toFixed(1)} ns` : 'n/a');
    ok &&= c !== undefined && c.ns_per_op <= t.maxNs;
  }
  checked++;
  if (ok) met++;
  console.log(`  ${t.name.padEnd(14)} ${want.join(' and ').padEnd(28)} got ${got.join(', ').padEnd(22)} ${ok ? 'MET' : 'NOT MET'}`);
}
console.log(`  ${met}/${checked} targets met`);
