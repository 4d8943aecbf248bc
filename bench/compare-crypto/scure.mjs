// @scure/starknet's side of bench/compare-crypto (run.sh drives both sides).
//
//   node scure.mjs --inputs FILE [--seconds S=3] [--warmup S=1] [--ops a,b] [--out FILE]
//
// Reads the inputs Cairn.CompareCrypto wrote, checks that scure gives the same answers on them
// (Cairn's reference results, its signatures, its public keys), then times each op single-threaded:
// warm-up for --warmup seconds in ~10 ms batches, then whole batches until --seconds have passed.
// Prints one JSON object per op: {"op":"pedersen","impl":"scure","ops_per_sec":..,"us_per_op":..,...}.
//
// @scure/starknet and @noble/hashes are loaded from tests/oracle/node_modules (pinned there by the
// oracle's package-lock.json; run `npm ci` in tests/oracle first).
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const modules = resolve(here, '../../tests/oracle/node_modules');
const load = (rel) => import(pathToFileURL(resolve(modules, rel)).href);
const scure = await load('@scure/starknet/index.js');
const { keccak_256 } = await load('@noble/hashes/sha3.js');
const scureVersion = JSON.parse(readFileSync(resolve(modules, '@scure/starknet/package.json'), 'utf8')).version;

const OPS = ['pedersen', 'poseidon', 'poseidon_many', 'ecdsa_sign', 'ecdsa_verify', 'public_key', 'keccak256', 'felt_mul'];
const P = 2n ** 251n + 17n * 2n ** 192n + 1n;

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const eq = a.indexOf('=');
    if (eq > 0) o[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length) o[a.slice(2)] = argv[++i];
    else throw new Error(`${a} needs a value`);
  }
  return o;
}

const args = parseArgs(process.argv.slice(2));
if (!args.inputs) {
  console.error('usage: node scure.mjs --inputs FILE [--seconds S=3] [--warmup S=1] [--ops a,b] [--out FILE]');
  process.exit(2);
}
const seconds = Number(args.seconds ?? 3);
const warmup = Number(args.warmup ?? 1);
if (!(seconds > 0) || !(warmup >= 0)) throw new Error('--seconds must be > 0 and --warmup >= 0');
const selected = args.ops ? args.ops.split(',').map((s) => s.trim()).filter(Boolean) : OPS;

// ---- inputs (converted up front, outside the timed loops) ---------------------------------------
const inp = JSON.parse(readFileSync(args.inputs, 'utf8'));
const hexToBytes = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/i, '').padStart(64, '0'), 'hex'));
const felts = inp.felts.map(BigInt);
const feltBytes = inp.felts.map(hexToBytes);
const keys = inp.keys.map(hexToBytes);
const msgs = inp.msgs.map(hexToBytes);
const pubX = inp.pub_x.map(BigInt);
const pubPoints = inp.pub_point.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
const sigs = inp.sigs.map(({ r, s }) => new scure.Signature(BigInt(r), BigInt(s)));
const FM = felts.length - 1; // 1023
const KM = keys.length - 1; // 63
const MANY = 10;
const groups = Math.floor(felts.length / MANY);
const manyGroups = Array.from({ length: groups }, (_, g) => felts.slice(g * MANY, g * MANY + MANY));
if (felts.length !== 1024 || keys.length !== 64) throw new Error('unexpected input sizes');

// ---- cross-check: scure must agree with Cairn on these inputs ------------------------------------
{
  const e = inp.expected;
  const same = (name, got, want) => {
    if (BigInt(got) !== BigInt(want)) throw new Error(`cross-check ${name}: scure ${got} != cairn ${want}`);
  };
  same('pedersen', scure.pedersen(felts[0], felts[1]), e.pedersen);
  same('poseidon', scure.poseidonHash(felts[0], felts[1]), e.poseidon);
  same('poseidon_many', scure.poseidonHashMany(felts.slice(0, MANY)), e.poseidon_many);
  same('keccak256', '0x' + Buffer.from(keccak_256(feltBytes[0])).toString('hex'), e.keccak256);
  let x = felts[0];
  for (let i = 0; i < e.felt_mul_chain_length; i++) x = (x * felts[1]) % P;
  same('felt_mul_chain', x, e.felt_mul_chain);
  for (let i = 0; i < keys.length; i++) {
    same(`public_key[${i}]`, scure.getStarkKey(keys[i]), pubX[i]);
    const pt = scure.getPublicKey(keys[i], false);
    if (Buffer.compare(Buffer.from(pt), Buffer.from(pubPoints[i])) !== 0) throw new Error(`cross-check pub_point[${i}] differs`);
    const sig = scure.sign(msgs[i], keys[i]);
    same(`sign[${i}].r`, sig.r, sigs[i].r);
    same(`sign[${i}].s`, sig.s, sigs[i].s);
    if (!scure.verify(sigs[i], msgs[i], pubPoints[i])) throw new Error(`cross-check verify[${i}] failed`);
  }
  console.error(`scure ${scureVersion}: cross-check against Cairn's results passed (hashes, 64 keys, 64 signatures)`);
}

// ---- ops: batch(n) runs n operations and returns a checksum -------------------------------------
let next = 0; // running index, so consecutive batches keep cycling through the inputs
let mulX = felts[0];
const mulY = felts[1];
const ops = {
  pedersen(n) {
    let acc = 0;
    for (let k = 0; k < n; k++, next++) {
      const i = next & FM;
      acc ^= scure.pedersen(felts[i], felts[(i + 1) & FM]).length;
    }
    return acc;
  },
  poseidon(n) {
    let acc = 0n;
    for (let k = 0; k < n; k++, next++) {
      const i = next & FM;
      acc ^= scure.poseidonHash(felts[i], felts[(i + 1) & FM]);
    }
    return Number(acc & 0xffffn);
  },
  poseidon_many(n) {
    let acc = 0n;
    for (let k = 0; k < n; k++, next++) acc ^= scure.poseidonHashMany(manyGroups[next % groups]);
    return Number(acc & 0xffffn);
  },
  ecdsa_sign(n) {
    let acc = 0n;
    for (let k = 0; k < n; k++, next++) {
      const i = next & KM;
      acc ^= scure.sign(msgs[i], keys[i]).r;
    }
    return Number(acc & 0xffffn);
  },
  ecdsa_verify(n) {
    let acc = 0;
    for (let k = 0; k < n; k++, next++) {
      const i = next & KM;
      if (!scure.verify(sigs[i], msgs[i], pubPoints[i])) throw new Error(`signature ${i} did not verify`);
      acc++;
    }
    return acc;
  },
  public_key(n) {
    let acc = 0;
    for (let k = 0; k < n; k++, next++) acc ^= scure.getStarkKey(keys[next & KM]).length;
    return acc;
  },
  keccak256(n) {
    let acc = 0;
    for (let k = 0; k < n; k++, next++) {
      const d = keccak_256(feltBytes[next & FM]);
      acc ^= d[0] | (d[31] << 8);
    }
    return acc;
  },
  felt_mul(n) {
    // A dependent chain x = x·y mod P in BigInt (what a JS Starknet stack does for felt arithmetic).
    let x = mulX;
    for (let k = 0; k < n; k++) x = (x * mulY) % P;
    mulX = x;
    return Number(x & 0xffffn);
  },
};

// ---- harness ------------------------------------------------------------------------------------
const now = () => Number(process.hrtime.bigint()) / 1e9;
const TARGET_BATCH = 0.010;
let sink = 0;

function measure(name, op) {
  let batch = 1;
  const t = now();
  do {
    const t0 = now();
    sink ^= op(batch);
    const dt = now() - t0;
    if (dt < TARGET_BATCH / 2) batch *= 2;
    else if (dt > TARGET_BATCH * 2 && batch > 1) batch = Math.floor(batch / 2);
  } while (now() - t < warmup);
  globalThis.gc?.();
  let iterations = 0;
  const start = now();
  let elapsed;
  do {
    sink ^= op(batch);
    iterations += batch;
    elapsed = now() - start;
  } while (elapsed < seconds);
  const us = (elapsed * 1e6) / iterations;
  return {
    op: name,
    impl: 'scure',
    ops_per_sec: +(iterations / elapsed).toFixed(3),
    us_per_op: +us.toFixed(6),
    ns_per_op: +(us * 1000).toFixed(3),
    iterations,
    seconds: +elapsed.toFixed(4),
  };
}

if (args.out) writeFileSync(args.out, '');
for (const name of selected) {
  const op = ops[name];
  if (!op) throw new Error(`unknown op '${name}' (known: ${OPS.join(', ')})`);
  const r = measure(name, op);
  const line = JSON.stringify(r);
  if (args.out) appendFileSync(args.out, line + '\n');
  else console.log(line);
  console.error(`scure ${name.padEnd(14)} ${Math.round(r.ops_per_sec).toLocaleString('en-US').padStart(14)} ops/s ${r.us_per_op.toFixed(3).padStart(12)} us/op`);
}
if (sink === 0.5) console.error(''); // keep the checksums observable
