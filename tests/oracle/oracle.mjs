#!/usr/bin/env node
// Cairn test oracle: answers hash and signature requests with the reference JS libraries
// (@scure/starknet, starknet.js, @noble/hashes), so that C# tests can compare Cairn's own
// implementations against them on thousands of random inputs.
//
// Protocol: one JSON object per line on stdin,
//   {"id": 1, "op": "pedersen", "args": ["0x1", "0x2"]}
// and exactly one line per request on stdout, in request order,
//   {"id": 1, "result": "0x..."}   or   {"id": 1, "error": "message"}
// A bad request (bad JSON, unknown op, bad argument) gets an error line; the process never
// exits because of one. It exits when stdin closes.
//
// Felt arguments are "0x"-prefixed hex (any case, leading zeros allowed) or decimal strings,
// and must be below P unless an op says otherwise. Byte arguments ("hexbytes") are hex with or
// without "0x" and an even number of digits ("" or "0x" is the empty byte string).
// Felt results are canonical: lowercase "0x" hex without leading zeros ("0x0" for zero).
//
// Ops:
//   pedersen        [a, b]         @scure/starknet pedersen
//   pedersen_array  [...xs]        @scure/starknet computeHashOnElements (hash chain with length)
//   poseidon        [a, b]         @scure/starknet poseidonHash (2-input, hades([a, b, 2])[0])
//   poseidon_single [x]            @scure/starknet poseidonHashSingle
//   poseidon_many   [...xs]        @scure/starknet poseidonHashMany
//   keccak          [hexbytes]     @noble/hashes keccak_256 -> "0x" + exactly 64 hex digits
//   sn_keccak       [hexbytes]     @scure/starknet keccak (keccak_256 mod 2^250) -> felt
//   selector        [name]         starknet.js hash.getSelectorFromName(name). NOTE: this is plain
//                                  sn_keccak(name); starknet.js does NOT map "__default__" /
//                                  "__l1_default__" to 0 as the protocol does (spec §2.3).
//   blake2s         [hexbytes]     @noble/hashes blake2s (32-byte digest) -> exactly 64 hex digits,
//                                  WITHOUT a "0x" prefix
//   blake2felt      [...xs]        starknet.js hash.blake2sHashMany (Blake2Felt252, spec §2.4;
//                                  the hash used by compiled class hash v2)
//   compiled_class_hash [casmJson, "blake"|"poseidon"]
//                                  starknet.js hash.computeCompiledClassHashBlake / ...Poseidon of a
//                                  CASM class given as a JSON string
//   sierra_class_hash [sierraJson] starknet.js hash.computeSierraContractClassHash
//   tx_hash_invoke_v3 [txJson, chainId]
//                                  starknet.js hash.calculateInvokeTransactionHash of an RPC INVOKE_TXN_V3
//                                  object given as a JSON string (all three resource bounds; "version"
//                                  exactly "0x3" or "0x100000000000000000000000000000003" for a query;
//                                  DA modes "L1"/"L2"; proof_facts optional). chainId is a felt.
//   tx_hash_declare_v3 [txJson, chainId]
//                                  starknet.js hash.calculateDeclareTransactionHash of an RPC DECLARE_TXN_V3
//                                  object (with class_hash, not contract_class), same conventions
//   tx_hash_deploy_account_v3 [txJson, chainId]
//                                  starknet.js hash.calculateDeployAccountTransactionHash of an RPC
//                                  DEPLOY_ACCOUNT_TXN_V3 object; the contract address comes from
//                                  hash.calculateContractAddressFromHash(salt, class_hash, calldata, 0)
//   tx_hash_l1_handler [txJson, chainId]
//                                  starknet.js hash.calculateL2MessageTxHash of an RPC L1_HANDLER_TXN object:
//                                  calldata[0] is the L1 sender, the rest the payload, nonce the L1 nonce
//   tx_hash_legacy_v1 [txJson, chainId]
//                                  starknet.js v2hash (Pedersen) hash of an RPC INVOKE_TXN_V1, DECLARE_TXN_V1,
//                                  DECLARE_TXN_V2 or DEPLOY_ACCOUNT_TXN_V1 object (calculateTransactionHash,
//                                  calculateDeclareTransactionHash, calculateDeployAccountTransactionHash);
//                                  "version" is passed through as given (0x1, 0x2, or 2^128 plus that)
//   contract_address [salt, classHash, deployer, ...calldata]
//                                  starknet.js hash.calculateContractAddressFromHash(salt, classHash,
//                                  calldata, deployer)
//   secp_mul        ["k1"|"r1", k] @noble/curves secp256k1 / p256: k·G (k any integer below 2^256,
//                                  reduced mod n) -> {"x": felt-style hex, "y": ...} or "infinity"
//   public_key      [priv]         @scure/starknet getStarkKey -> felt (the x coordinate)
//   sign            [priv, hash]   @scure/starknet sign (default options) -> {"r": felt, "s": felt}
//   verify          [pubX, hash, r, s]
//                                  true when either curve point with x = pubX (compressed 02/03
//                                  encodings) verifies with @scure/starknet verify; false when pubX
//                                  is not the x of a curve point, or when scure rejects r, s or the
//                                  hash as out of range. pubX, hash, r and s may be any integer
//                                  below 2^256 here (not only felts).
//   block_hash_v1   [blockJson]    an independent JS transcription of spec/starknet.md §8.1-8.8 (Starknet
//                                  >= 0.13.4 rules) over @scure/starknet Poseidon and keccak: the generic
//                                  height-64 Patricia tree, transaction/event/receipt/state-diff commitments,
//                                  state_diff_length, packed counts, gas-price hash and STARKNET_BLOCK_HASH1.
//                                  blockJson: {block_number, state_root, sequencer_address, timestamp,
//                                  l1_da_mode ("BLOB"|"CALLDATA"), starknet_version, parent_hash,
//                                  gas_prices: [l1_wei, l1_fri, l1_data_wei, l1_data_fri, l2_wei, l2_fri],
//                                  transactions: [{hash, signature: [...]}],
//                                  receipts: [{hash, actual_fee, reverted, revert_reason, l1_gas, l1_data_gas,
//                                              messages: [{from, to, payload}], events: [{from, keys, data}]}],
//                                  state_diff: {deployed: [[addr, class]], replaced: [[addr, class]],
//                                              declared: [[class, compiled]], migrated: [[class, compiled]],
//                                              deprecated: [class], storage: [[addr, [[key, value]]]],
//                                              nonces: [[addr, nonce]]}}
//                                  -> {transaction_commitment, event_commitment, receipt_commitment,
//                                      state_diff_commitment, state_diff_length, event_count, block_hash}
//   commitment_root_64 [...xs]     root of the height-64 Patricia tree (Poseidon) with leaf i = xs[i]
//
// Integer arguments are always handed to the libraries as bigints or canonical unpadded hex, so the
// result never depends on how the caller padded them (scure's ECDSA treats a 32-byte message
// encoding differently from a shorter one).

import { createInterface } from 'node:readline';
import * as scure from '@scure/starknet';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { blake2s } from '@noble/hashes/blake2.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { p256 } from '@noble/curves/nist.js';

const P = 2n ** 251n + 17n * 2n ** 192n + 1n;
const TWO_256 = 2n ** 256n;

// starknet.js is large and only two ops need it: load it on first use.
let starknetPromise = null;
function starknet() {
  starknetPromise ??= import('starknet');
  return starknetPromise;
}

class BadRequest extends Error {}

function parseInteger(value, what) {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new BadRequest(`${what}: ${value} is not a non-negative safe integer`);
    return BigInt(value);
  }
  if (typeof value !== 'string') throw new BadRequest(`${what}: expected a string, got ${typeof value}`);
  let n;
  if (/^0[xX][0-9a-fA-F]+$/.test(value) || /^[0-9]+$/.test(value)) {
    n = BigInt(value);
  } else {
    throw new BadRequest(`${what}: '${value}' is not 0x-hex or decimal`);
  }
  if (n >= TWO_256) throw new BadRequest(`${what}: ${value} is wider than 256 bits`);
  return n;
}

function parseFelt(value, what) {
  const n = parseInteger(value, what);
  if (n >= P) throw new BadRequest(`${what}: ${value} is not below P`);
  return n;
}

function parseBytes(value, what) {
  if (typeof value !== 'string') throw new BadRequest(`${what}: expected a hex string, got ${typeof value}`);
  const hex = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new BadRequest(`${what}: '${value}' is not hex`);
  if (hex.length % 2 !== 0) throw new BadRequest(`${what}: '${value}' has an odd number of hex digits`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const felt = (n) => '0x' + BigInt(n).toString(16);
const hex0x = (n) => '0x' + n.toString(16);
const bytesToHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function arity(args, n, op) {
  if (args.length !== n) throw new BadRequest(`${op} takes ${n} argument(s), got ${args.length}`);
}

function feltArgs(args) {
  return args.map((a, i) => parseFelt(a, `args[${i}]`));
}

function verifyWithX(pubX, msgHash, r, s) {
  const xHex = pubX.toString(16).padStart(64, '0');
  let sig;
  try {
    sig = new scure.Signature(r, s);
  } catch {
    return false; // r or s outside [1, n)
  }
  for (const prefix of ['02', '03']) {
    const pub = prefix + xHex;
    try {
      scure.Point.fromHex(pub);
    } catch {
      continue; // x is not on the curve (or not below p)
    }
    try {
      if (scure.verify(sig, hex0x(msgHash), pub)) return true;
    } catch (e) {
      if (e instanceof RangeError) return false;
      throw e;
    }
  }
  return false;
}

function parseTxJson(text, op) {
  if (typeof text !== 'string') throw new BadRequest(`${op}: the transaction must be a JSON string`);
  const tx = JSON.parse(text);
  if (tx === null || typeof tx !== 'object' || Array.isArray(tx)) throw new BadRequest(`${op}: the transaction must be a JSON object`);
  return tx;
}

function txFelts(tx, name) {
  const v = tx[name];
  if (!Array.isArray(v)) throw new BadRequest(`${name}: expected an array`);
  return v.map((x, i) => felt(parseFelt(x, `${name}[${i}]`)));
}

function txDaMode(tx, name) {
  if (tx[name] === 'L1') return 0;
  if (tx[name] === 'L2') return 1;
  throw new BadRequest(`${name}: expected L1 or L2`);
}

function txResourceBounds(tx) {
  const rb = tx.resource_bounds ?? {};
  const one = (k) => {
    if (!rb[k]) throw new BadRequest(`resource_bounds.${k} is missing`);
    return { max_amount: parseInteger(rb[k].max_amount, k), max_price_per_unit: parseInteger(rb[k].max_price_per_unit, k) };
  };
  return { l1_gas: one('l1_gas'), l2_gas: one('l2_gas'), l1_data_gas: one('l1_data_gas') };
}

function txVersion3(tx) {
  if (tx.version !== '0x3' && tx.version !== '0x100000000000000000000000000000003') {
    throw new BadRequest(`version must be "0x3" or "0x100000000000000000000000000000003", got ${tx.version}`);
  }
  return tx.version;
}

function txV3Common(tx, chainIdArg) {
  return {
    version: txVersion3(tx),
    chainId: felt(parseFelt(chainIdArg, 'chainId')),
    nonce: felt(parseFelt(tx.nonce, 'nonce')),
    nonceDataAvailabilityMode: txDaMode(tx, 'nonce_data_availability_mode'),
    feeDataAvailabilityMode: txDaMode(tx, 'fee_data_availability_mode'),
    resourceBounds: txResourceBounds(tx),
    tip: parseInteger(tx.tip, 'tip'),
    paymasterData: txFelts(tx, 'paymaster_data'),
  };
}

const ops = {
  pedersen(args) {
    arity(args, 2, 'pedersen');
    const [a, b] = feltArgs(args);
    return felt(scure.pedersen(a, b));
  },
  pedersen_array(args) {
    return felt(scure.computeHashOnElements(feltArgs(args)));
  },
  poseidon(args) {
    arity(args, 2, 'poseidon');
    const [a, b] = feltArgs(args);
    return felt(scure.poseidonHash(a, b));
  },
  poseidon_single(args) {
    arity(args, 1, 'poseidon_single');
    return felt(scure.poseidonHashSingle(feltArgs(args)[0]));
  },
  poseidon_many(args) {
    return felt(scure.poseidonHashMany(feltArgs(args)));
  },
  keccak(args) {
    arity(args, 1, 'keccak');
    return '0x' + bytesToHex(keccak_256(parseBytes(args[0], 'args[0]')));
  },
  sn_keccak(args) {
    arity(args, 1, 'sn_keccak');
    return felt(scure.keccak(parseBytes(args[0], 'args[0]')));
  },
  async selector(args) {
    arity(args, 1, 'selector');
    if (typeof args[0] !== 'string') throw new BadRequest('selector: the name must be a string');
    const { hash } = await starknet();
    return felt(hash.getSelectorFromName(args[0]));
  },
  blake2s(args) {
    arity(args, 1, 'blake2s');
    return bytesToHex(blake2s(parseBytes(args[0], 'args[0]'), { dkLen: 32 }));
  },
  async blake2felt(args) {
    const xs = feltArgs(args);
    const { hash } = await starknet();
    return felt(hash.blake2sHashMany(xs));
  },
  async compiled_class_hash(args) {
    arity(args, 2, 'compiled_class_hash');
    if (typeof args[0] !== 'string') throw new BadRequest('compiled_class_hash: the class must be a JSON string');
    const casm = JSON.parse(args[0]);
    const { hash } = await starknet();
    if (args[1] === 'blake') return felt(BigInt(hash.computeCompiledClassHashBlake(casm)));
    if (args[1] === 'poseidon') return felt(BigInt(hash.computeCompiledClassHashPoseidon(casm)));
    throw new BadRequest("compiled_class_hash: the version must be 'blake' or 'poseidon'");
  },
  async sierra_class_hash(args) {
    arity(args, 1, 'sierra_class_hash');
    if (typeof args[0] !== 'string') throw new BadRequest('sierra_class_hash: the class must be a JSON string');
    const { hash } = await starknet();
    return felt(BigInt(hash.computeSierraContractClassHash(JSON.parse(args[0]))));
  },
  secp_mul(args) {
    arity(args, 2, 'secp_mul');
    const curve = args[0] === 'k1' ? secp256k1 : args[0] === 'r1' ? p256 : null;
    if (!curve) throw new BadRequest("secp_mul: the curve must be 'k1' or 'r1'");
    const k = parseInteger(args[1], 'args[1]') % curve.Point.CURVE().n;
    if (k === 0n) return 'infinity';
    const { x, y } = curve.Point.BASE.multiply(k).toAffine();
    return { x: felt(x), y: felt(y) };
  },
  async tx_hash_invoke_v3(args) {
    arity(args, 2, 'tx_hash_invoke_v3');
    const tx = parseTxJson(args[0], 'tx_hash_invoke_v3');
    const { hash } = await starknet();
    return felt(BigInt(hash.calculateInvokeTransactionHash({
      ...txV3Common(tx, args[1]),
      senderAddress: felt(parseFelt(tx.sender_address, 'sender_address')),
      compiledCalldata: txFelts(tx, 'calldata'),
      accountDeploymentData: txFelts(tx, 'account_deployment_data'),
      proofFacts: tx.proof_facts === undefined ? undefined : txFelts(tx, 'proof_facts'),
    })));
  },
  async tx_hash_declare_v3(args) {
    arity(args, 2, 'tx_hash_declare_v3');
    const tx = parseTxJson(args[0], 'tx_hash_declare_v3');
    const { hash } = await starknet();
    return felt(BigInt(hash.calculateDeclareTransactionHash({
      ...txV3Common(tx, args[1]),
      senderAddress: felt(parseFelt(tx.sender_address, 'sender_address')),
      classHash: felt(parseFelt(tx.class_hash, 'class_hash')),
      compiledClassHash: felt(parseFelt(tx.compiled_class_hash, 'compiled_class_hash')),
      accountDeploymentData: txFelts(tx, 'account_deployment_data'),
    })));
  },
  async tx_hash_deploy_account_v3(args) {
    arity(args, 2, 'tx_hash_deploy_account_v3');
    const tx = parseTxJson(args[0], 'tx_hash_deploy_account_v3');
    const { hash } = await starknet();
    const classHash = felt(parseFelt(tx.class_hash, 'class_hash'));
    const salt = felt(parseFelt(tx.contract_address_salt, 'contract_address_salt'));
    const calldata = txFelts(tx, 'constructor_calldata');
    return felt(BigInt(hash.calculateDeployAccountTransactionHash({
      ...txV3Common(tx, args[1]),
      contractAddress: hash.calculateContractAddressFromHash(salt, classHash, calldata, 0),
      classHash,
      compiledConstructorCalldata: calldata,
      salt,
    })));
  },
  async tx_hash_l1_handler(args) {
    arity(args, 2, 'tx_hash_l1_handler');
    const tx = parseTxJson(args[0], 'tx_hash_l1_handler');
    const calldata = txFelts(tx, 'calldata');
    if (calldata.length === 0) throw new BadRequest('calldata must start with the L1 sender');
    const { hash } = await starknet();
    return felt(BigInt(hash.calculateL2MessageTxHash(
      calldata[0],
      felt(parseFelt(tx.contract_address, 'contract_address')),
      felt(parseFelt(tx.entry_point_selector, 'entry_point_selector')),
      calldata.slice(1),
      felt(parseFelt(args[1], 'chainId')),
      felt(parseFelt(tx.nonce, 'nonce')),
    )));
  },
  async tx_hash_legacy_v1(args) {
    arity(args, 2, 'tx_hash_legacy_v1');
    const tx = parseTxJson(args[0], 'tx_hash_legacy_v1');
    const { v2hash, hash } = await starknet();
    const chainId = felt(parseFelt(args[1], 'chainId'));
    const version = felt(parseFelt(tx.version, 'version'));
    const maxFee = felt(parseFelt(tx.max_fee, 'max_fee'));
    const nonce = felt(parseFelt(tx.nonce, 'nonce'));
    let h;
    if (tx.type === 'INVOKE') {
      h = v2hash.calculateTransactionHash(felt(parseFelt(tx.sender_address, 'sender_address')), version, txFelts(tx, 'calldata'), maxFee, chainId, nonce);
    } else if (tx.type === 'DECLARE') {
      const compiled = tx.compiled_class_hash === undefined ? undefined : felt(parseFelt(tx.compiled_class_hash, 'compiled_class_hash'));
      h = v2hash.calculateDeclareTransactionHash(felt(parseFelt(tx.class_hash, 'class_hash')), felt(parseFelt(tx.sender_address, 'sender_address')),
        version, maxFee, chainId, nonce, compiled);
    } else if (tx.type === 'DEPLOY_ACCOUNT') {
      const classHash = felt(parseFelt(tx.class_hash, 'class_hash'));
      const salt = felt(parseFelt(tx.contract_address_salt, 'contract_address_salt'));
      const calldata = txFelts(tx, 'constructor_calldata');
      const address = hash.calculateContractAddressFromHash(salt, classHash, calldata, 0);
      h = v2hash.calculateDeployAccountTransactionHash(address, classHash, calldata, salt, version, maxFee, chainId, nonce);
    } else {
      throw new BadRequest(`tx_hash_legacy_v1: unsupported type ${tx.type}`);
    }
    return felt(BigInt(h));
  },
  async contract_address(args) {
    if (args.length < 3) throw new BadRequest(`contract_address takes at least 3 arguments, got ${args.length}`);
    const [salt, classHash, deployer, ...calldata] = feltArgs(args).map(felt);
    const { hash } = await starknet();
    return felt(BigInt(hash.calculateContractAddressFromHash(salt, classHash, calldata, deployer)));
  },
  public_key(args) {
    arity(args, 1, 'public_key');
    const priv = parseInteger(args[0], 'args[0]');
    return felt(scure.getStarkKey(hex0x(priv)));
  },
  sign(args) {
    arity(args, 2, 'sign');
    const priv = parseInteger(args[0], 'args[0]');
    const msgHash = parseInteger(args[1], 'args[1]');
    const sig = scure.sign(hex0x(msgHash), hex0x(priv));
    return { r: felt(sig.r), s: felt(sig.s) };
  },
  verify(args) {
    arity(args, 4, 'verify');
    const [pubX, msgHash, r, s] = args.map((a, i) => parseInteger(a, `args[${i}]`));
    return verifyWithX(pubX, msgHash, r, s);
  },
  commitment_root_64(args) {
    return felt(patricia64(feltArgs(args)));
  },
  block_hash_v1(args) {
    arity(args, 1, 'block_hash_v1');
    let b;
    try {
      b = JSON.parse(args[0]);
    } catch (e) {
      throw new BadRequest(`args[0]: bad JSON: ${e.message}`);
    }
    return blockHashV1(b);
  },
};

// ---- block commitments (block_hash_v1, commitment_root_64): written from the spec, not from Cairn's C# ----

const shortString = (s) => BigInt('0x' + Array.from(new TextEncoder().encode(s), (x) => x.toString(16).padStart(2, '0')).join(''));
const modP = (n) => ((n % P) + P) % P;

// Generic binary Patricia tree of height 64 (spec §7.1 with Poseidon): binary = H(l, r), edge = H(child, path) + length.
function patricia64(values) {
  if (values.length === 0) return 0n;
  const items = values.map((v, i) => [BigInt(i), v]);
  const bitOf = (k, i) => (k >> BigInt(i)) & 1n;
  function sub(list, bitsLeft) {
    if (bitsLeft === 0) return list[0][1];
    let b = bitsLeft;
    while (b > 0) {
      const ones = list.filter(([k]) => bitOf(k, b - 1) === 1n).length;
      if (ones !== 0 && ones !== list.length) break;
      b--;
    }
    if (b === bitsLeft) {
      const left = list.filter(([k]) => bitOf(k, b - 1) === 0n);
      const right = list.filter(([k]) => bitOf(k, b - 1) === 1n);
      return scure.poseidonHash(sub(left, b - 1), sub(right, b - 1));
    }
    const length = bitsLeft - b;
    const path = (list[0][0] >> BigInt(b)) & ((1n << BigInt(length)) - 1n);
    return modP(scure.poseidonHash(sub(list, b), path) + BigInt(length));
  }
  return sub(items, 64);
}

function blockHashV1(b) {
  const F = (x, what) => parseFelt(typeof x === 'number' ? String(x) : x, what);
  const txLeaves = b.transactions.map((t, i) => scure.poseidonHashMany([F(t.hash, `tx ${i}`), ...t.signature.map((s) => F(s, 'sig'))]));
  const eventLeaves = [];
  for (const r of b.receipts) {
    for (const e of r.events) {
      eventLeaves.push(scure.poseidonHashMany([F(e.from), F(r.hash), BigInt(e.keys.length), ...e.keys.map((k) => F(k)),
        BigInt(e.data.length), ...e.data.map((d) => F(d))]));
    }
  }
  const receiptLeaves = b.receipts.map((r) => {
    const msgs = [BigInt(r.messages.length)];
    for (const m of r.messages) msgs.push(F(m.from), F(m.to), BigInt(m.payload.length), ...m.payload.map((x) => F(x)));
    const revert = r.reverted ? scure.keccak(new TextEncoder().encode(r.revert_reason)) : 0n;
    return scure.poseidonHashMany([F(r.hash), F(r.actual_fee), scure.poseidonHashMany(msgs), revert, 0n, BigInt(r.l1_gas), BigInt(r.l1_data_gas)]);
  });
  const sd = b.state_diff;
  const sortPairs = (pairs) => pairs.map(([a, v]) => [F(a), v]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const updatedMap = new Map();
  for (const [a, c] of [...sd.deployed, ...sd.replaced]) updatedMap.set(F(a), F(c));
  const updated = [...updatedMap.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const declaredMap = new Map();
  for (const [c, cc] of [...sd.declared, ...sd.migrated]) declaredMap.set(F(c), F(cc));
  const declared = [...declaredMap.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const deprecated = [...new Set(sd.deprecated.map((c) => F(c)))].sort((x, y) => (x < y ? -1 : 1));
  const storage = sortPairs(sd.storage).filter(([, entries]) => entries.length > 0);
  const nonces = sortPairs(sd.nonces);
  const flat = [shortString('STARKNET_STATE_DIFF0'), BigInt(updated.length), ...updated.flat(), BigInt(declared.length), ...declared.flat(),
    BigInt(deprecated.length), ...deprecated, 1n, 0n, BigInt(storage.length)];
  let storageEntries = 0;
  for (const [addr, entries] of storage) {
    const sorted = sortPairs(entries);
    flat.push(addr, BigInt(sorted.length));
    for (const [k, v] of sorted) flat.push(k, F(v));
    storageEntries += sorted.length;
  }
  flat.push(BigInt(nonces.length));
  for (const [a, n] of nonces) flat.push(a, F(n));
  const stateDiffLength = updated.length + declared.length + deprecated.length + nonces.length + storageEntries;

  const txCommitment = patricia64(txLeaves);
  const eventCommitment = patricia64(eventLeaves);
  const receiptCommitment = patricia64(receiptLeaves);
  const stateDiffCommitment = scure.poseidonHashMany(flat);
  const counts = (BigInt(b.transactions.length) << 192n) + (BigInt(eventLeaves.length) << 128n) + (BigInt(stateDiffLength) << 64n) +
    ((b.l1_da_mode === 'BLOB' ? 0x80n : 0n) << 56n);
  const gas = scure.poseidonHashMany([shortString('STARKNET_GAS_PRICES0'), ...b.gas_prices.map((g) => F(g))]);
  const blockHash = scure.poseidonHashMany([shortString('STARKNET_BLOCK_HASH1'), BigInt(b.block_number), F(b.state_root),
    F(b.sequencer_address), BigInt(b.timestamp), counts, stateDiffCommitment, txCommitment, eventCommitment, receiptCommitment, gas,
    shortString(b.starknet_version), 0n, F(b.parent_hash)]);
  return {
    transaction_commitment: felt(txCommitment),
    event_commitment: felt(eventCommitment),
    receipt_commitment: felt(receiptCommitment),
    state_diff_commitment: felt(stateDiffCommitment),
    state_diff_length: stateDiffLength,
    event_count: eventLeaves.length,
    block_hash: felt(blockHash),
  };
}

async function handle(line) {
  if (line.trim() === '') return;
  let id = null;
  let reply;
  try {
    let req;
    try {
      req = JSON.parse(line);
    } catch (e) {
      throw new BadRequest(`bad JSON: ${e.message}`);
    }
    if (req === null || typeof req !== 'object' || Array.isArray(req)) throw new BadRequest('a request must be a JSON object');
    id = req.id ?? null;
    const fn = Object.hasOwn(ops, req.op) ? ops[req.op] : undefined;
    if (!fn) throw new BadRequest(`unknown op '${req.op}'`);
    const args = req.args ?? [];
    if (!Array.isArray(args)) throw new BadRequest('args must be an array');
    reply = { id, result: await fn(args) };
  } catch (e) {
    const message = e instanceof Error ? `${e instanceof BadRequest ? '' : e.name + ': '}${e.message}` : String(e);
    reply = { id, error: message };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}

// Answer strictly in request order; a rejected handler cannot break the chain.
let chain = Promise.resolve();
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  chain = chain.then(() => handle(line)).catch((e) => {
    process.stdout.write(JSON.stringify({ id: null, error: `oracle internal error: ${e?.message ?? e}` }) + '\n');
  });
});
rl.on('close', () => {
  chain.then(() => process.exit(0));
});
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
});
