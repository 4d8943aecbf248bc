// End-to-end: starknet.js 10.8.0 against a real `cairn devnet` process over HTTP and WebSocket.
// Run by ../../test.sh as `node --experimental-websocket --test` with CAIRN_DLL set to the built cairn.dll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RpcProvider, Account, Contract, CallData, cairo, hash, ec, stark, num, WebSocketChannel } from 'starknet';
import { pedersen, poseidonHashMany } from '@scure/starknet';

const CAIRN = process.env.CAIRN_DLL;
if (!CAIRN) throw new Error('set CAIRN_DLL to the built cairn.dll (test.sh does)');
const PORT = 5200 + Math.floor(Math.random() * 700);
const RPC_URL = `http://127.0.0.1:${PORT}/rpc/v0_10`;
const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
const dataDir = mkdtempSync(join(tmpdir(), 'cairn-e2e-'));

let node;
let provider;
let accounts;
let firstTransfer;

function startDevnet() {
  return new Promise((resolve, reject) => {
    const proc = spawn('dotnet', [CAIRN, 'devnet', '--port', String(PORT), '--accounts', '3', '--seed', '7', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('devnet did not start:\n' + out)), 120_000);
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('JSON-RPC 0.10 at')) {
        clearTimeout(timer);
        resolve({ proc, output: () => out });
      }
    });
    proc.stderr.on('data', (d) => { out += d; });
    proc.on('exit', (code) => { clearTimeout(timer); if (!out.includes('JSON-RPC 0.10 at')) reject(new Error(`devnet exited with ${code}:\n${out}`)); });
  });
}

function stopDevnet(n) {
  return new Promise((resolve) => {
    n.proc.on('exit', (code) => resolve(code));
    n.proc.kill('SIGTERM');
  });
}

async function rpc(method, params) {
  const res = await fetch(RPC_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

function account(a) {
  return new Account({ provider, address: a.address, signer: a.private_key });
}

async function strkContract(p = provider) {
  const { abi } = await p.getClassAt(STRK);
  return new Contract({ abi, address: STRK, providerOrAccount: p });
}

before(async () => {
  node = await startDevnet();
  provider = await RpcProvider.create({ nodeUrl: RPC_URL });
  accounts = await rpc('dev_predeployedAccounts', []);
});

after(async () => {
  if (node) await stopDevnet(node);
  rmSync(dataDir, { recursive: true, force: true });
});

test('the provider sees the chain: chain id, spec version, genesis block', async () => {
  assert.equal(await provider.getChainId(), '0x534e5f5345504f4c4941');
  const spec = await provider.getSpecVersion();
  assert.match(spec, /^0\.10\./);
  const block = await provider.getBlockWithTxHashes('latest');
  assert.equal(block.status, 'ACCEPTED_ON_L2');
  assert.equal(accounts.length, 3);
});

test('a predeployed account transfers STRK; balances read through a Contract', async () => {
  const [a, b] = accounts;
  const strk = await strkContract();
  const before = await strk.balance_of(b.address);
  const sender = account(a);
  const { transaction_hash } = await sender.execute({ contractAddress: STRK, entrypoint: 'transfer', calldata: CallData.compile({ recipient: b.address, amount: cairo.uint256(1234n) }) });
  const receipt = await provider.waitForTransaction(transaction_hash, { retryInterval: 200 });
  assert.ok(receipt.isSuccess(), JSON.stringify(receipt));
  firstTransfer = transaction_hash;
  assert.equal(await strk.balance_of(b.address), before + 1234n);
  const fee = BigInt(receipt.value.actual_fee.amount);
  assert.ok(fee > 0n);
  assert.equal(receipt.value.actual_fee.unit, 'FRI');
  assert.equal(await strk.balance_of(a.address), BigInt(a.balance) - 1234n - fee);
});

test('estimateFee answers and covers the charged fee', async () => {
  const [a, b] = accounts;
  const sender = account(a);
  const call = { contractAddress: STRK, entrypoint: 'transfer', calldata: CallData.compile({ recipient: b.address, amount: cairo.uint256(5n) }) };
  const estimate = await sender.estimateInvokeFee(call);
  assert.ok(BigInt(estimate.overall_fee) > 0n);
  assert.ok(BigInt(estimate.resourceBounds.l2_gas.max_amount) > 0n);
  const { transaction_hash } = await sender.execute(call);
  const receipt = await provider.waitForTransaction(transaction_hash, { retryInterval: 200 });
  assert.ok(receipt.isSuccess());
  assert.ok(BigInt(receipt.value.actual_fee.amount) <= BigInt(estimate.overall_fee) * 2n);
});

test('a new account is deployed with DEPLOY_ACCOUNT after being funded', async () => {
  const [a] = accounts;
  const privateKey = stark.randomAddress();
  const publicKey = ec.starkCurve.getStarkKey(privateKey);
  const classHash = accounts[0].class_hash;
  const constructorCalldata = CallData.compile({ public_key: publicKey });
  const address = hash.calculateContractAddressFromHash(publicKey, classHash, constructorCalldata, 0);
  const fund = await account(a).execute({ contractAddress: STRK, entrypoint: 'transfer', calldata: CallData.compile({ recipient: address, amount: cairo.uint256(10n ** 19n) }) });
  await provider.waitForTransaction(fund.transaction_hash, { retryInterval: 200 });
  const fresh = new Account({ provider, address, signer: privateKey });
  const { transaction_hash, contract_address } = await fresh.deployAccount({ classHash, constructorCalldata, addressSalt: publicKey });
  const receipt = await provider.waitForTransaction(transaction_hash, { retryInterval: 200 });
  assert.ok(receipt.isSuccess(), JSON.stringify(receipt));
  assert.equal(num.toHex(contract_address), num.toHex(address));
  assert.equal(await provider.getClassHashAt(address), classHash);
  assert.equal(BigInt(await provider.getNonceForAddress(address)), 1n);
});

test('a class is declared (CASM through cairn_addCompiledClass) and deployed through the UDC', async () => {
  const [, , c] = accounts;
  const artifacts = new URL('./node_modules/@hyperlane-xyz/starknet-core/dist/artifacts/', import.meta.url).href;
  const load = async (file) => {
    const mod = await import(artifacts + file);
    return mod.default ?? Object.values(mod)[0];
  };
  const sierra = await load('contracts_TestERC20.contract_class.js');
  const casm = await load('contracts_TestERC20.compiled_contract_class.js');
  // The CASM reaches the node through `cairn submit-casm` (cairn_addCompiledClass).
  const casmFile = join(dataDir, '..', `casm-${PORT}.json`);
  writeFileSync(casmFile, JSON.stringify(casm));
  const submitted = execFileSync('dotnet', [CAIRN, 'submit-casm', casmFile, '--rpc', RPC_URL], { encoding: 'utf8' }).trim();
  rmSync(casmFile);
  assert.equal(BigInt(submitted), BigInt(hash.computeCompiledClassHash(casm)));
  const declarer = account(c);
  const declared = await declarer.declare({ contract: sierra, casm });
  const receipt = await provider.waitForTransaction(declared.transaction_hash, { retryInterval: 200 });
  assert.ok(receipt.isSuccess(), JSON.stringify(receipt));
  assert.equal(declared.class_hash, hash.computeContractClassHash(sierra));
  const deployed = await declarer.deployContract({ classHash: declared.class_hash, constructorCalldata: CallData.compile({ total_supply: cairo.uint256(777n), decimals: 6 }) });
  await provider.waitForTransaction(deployed.transaction_hash, { retryInterval: 200 });
  const token = new Contract({ abi: sierra.abi, address: deployed.contract_address, providerOrAccount: provider });
  // TestERC20 mints the supply to its constructor's caller: the UDC.
  assert.equal(await token.total_supply(), 777n);
  assert.equal(await token.balance_of('0x02ceed65a4bd731034c01113685c831b01c15d7d432f71afb1cf1634b53a2125'), 777n);
  assert.equal(await provider.getClassHashAt(deployed.contract_address), declared.class_hash);
});

test('events come through getEvents and through a WebSocket subscription', async () => {
  const [a, b] = accounts;
  const ws = new WebSocketChannel({ nodeUrl: `ws://127.0.0.1:${PORT}/ws/rpc/v0_10` });
  await ws.waitForConnection();
  const sub = await ws.subscribeEvents({ fromAddress: STRK });
  const seen = new Promise((resolve) => sub.on((event) => resolve(event)));
  const { transaction_hash } = await account(b).execute({ contractAddress: STRK, entrypoint: 'transfer', calldata: CallData.compile({ recipient: a.address, amount: cairo.uint256(9n) }) });
  await provider.waitForTransaction(transaction_hash, { retryInterval: 200 });
  const event = await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error('no event on the subscription')), 20_000))]);
  assert.equal(num.toHex(event.from_address), num.toHex(STRK));
  await sub.unsubscribe();
  ws.disconnect();

  const transferKey = num.toHex(hash.starknetKeccak('Transfer'));
  const { events } = await provider.getEvents({ address: STRK, keys: [[transferKey]], from_block: { block_number: 0 }, to_block: 'latest', chunk_size: 100 });
  assert.ok(events.some((e) => e.transaction_hash === transaction_hash));
  // Paging with continuation tokens returns the same events.
  let token;
  const paged = [];
  do {
    const page = await provider.getEvents({ address: STRK, keys: [[transferKey]], from_block: { block_number: 0 }, to_block: 'latest', chunk_size: 2, continuation_token: token });
    paged.push(...page.events);
    token = page.continuation_token;
  } while (token);
  assert.deepEqual(paged.map((e) => e.transaction_hash), events.map((e) => e.transaction_hash));
});

// Walks a storage proof (binary {left, right}, edge {child, path, length}) from the root to a key; returns the leaf value.
function walk(nodes, root, key, hashFn) {
  const byHash = new Map(nodes.map((n) => [BigInt(n.node_hash), n.node]));
  let h = BigInt(root);
  let height = 251;
  const k = BigInt(key);
  while (height > 0) {
    const n = byHash.get(h);
    assert.ok(n, `missing node ${num.toHex(h)}`);
    if ('left' in n) {
      const bit = (k >> BigInt(height - 1)) & 1n;
      assert.equal(hashFn(BigInt(n.left), BigInt(n.right)), h);
      h = BigInt(bit ? n.right : n.left);
      height -= 1;
    } else {
      const len = Number(n.length);
      const path = BigInt(n.path);
      assert.equal(hashFn(BigInt(n.child), path) + BigInt(len), h);
      const bits = (k >> BigInt(height - len)) & ((1n << BigInt(len)) - 1n);
      if (bits !== path) return 0n;
      h = BigInt(n.child);
      height -= len;
    }
  }
  return h;
}

test('getStorageProof paths verify against the block state root', async () => {
  const [a] = accounts;
  const bound = (1n << 251n) - 256n;
  const balanceKey = num.toHex(BigInt(pedersen(hash.starknetKeccak('ERC20_balances'), BigInt(a.address))) % bound);
  const block = await provider.getBlockWithTxHashes('latest');
  const proof = await rpc('starknet_getStorageProof', { block_id: { block_number: block.block_number }, contract_addresses: [STRK], contracts_storage_keys: [{ contract_address: STRK, storage_keys: [balanceKey] }] });
  const ped = (x, y) => BigInt(pedersen(x, y));
  const pos = (x, y) => poseidonHashMany([x, y]);
  // Global root = poseidon("STARKNET_STATE_V0", contracts root, classes root).
  const stateV0 = BigInt('0x' + Buffer.from('STARKNET_STATE_V0').toString('hex'));
  assert.equal(poseidonHashMany([stateV0, BigInt(proof.global_roots.contracts_tree_root), BigInt(proof.global_roots.classes_tree_root)]), BigInt(block.new_root));
  const leaf = walk(proof.contracts_proof.nodes, proof.global_roots.contracts_tree_root, STRK, ped);
  const data = proof.contracts_proof.contract_leaves_data[0];
  assert.equal(ped(ped(ped(BigInt(data.class_hash), BigInt(data.storage_root)), BigInt(data.nonce)), 0n), leaf);
  const value = walk(proof.contracts_storage_proofs[0], data.storage_root, balanceKey, ped);
  const [low] = await provider.callContract({ contractAddress: STRK, entrypoint: 'balance_of', calldata: [a.address] }, block.block_number);
  assert.equal(value, BigInt(low));
  void pos;
});

test('a restarted node keeps its blocks, state and accounts', async () => {
  const [a] = accounts;
  const strk = await strkContract();
  const balance = await strk.balance_of(a.address);
  const latest = await provider.getBlockWithTxHashes('latest');
  assert.equal(await stopDevnet(node), 0);
  node = await startDevnet();
  assert.match(node.output(), /Resumed from/);
  const again = await provider.getBlockWithTxHashes('latest');
  assert.equal(again.block_hash, latest.block_hash);
  // Call trees are not stored: the trace of an old transaction comes from re-executing its block.
  const trace = await provider.getTransactionTrace(firstTransfer);
  assert.equal(trace.type, 'INVOKE');
  assert.equal(num.toHex(trace.execute_invocation.calls[0].contract_address), num.toHex(STRK));
  assert.equal(num.toHex(trace.fee_transfer_invocation.contract_address), num.toHex(STRK));
  assert.equal(await strk.balance_of(a.address), balance);
  // And it goes on: one more transfer on top.
  const { transaction_hash } = await account(a).execute({ contractAddress: STRK, entrypoint: 'transfer', calldata: CallData.compile({ recipient: accounts[1].address, amount: cairo.uint256(1n) }) });
  const receipt = await provider.waitForTransaction(transaction_hash, { retryInterval: 200 });
  assert.ok(receipt.isSuccess());
  assert.equal(receipt.value.block_number, latest.block_number + 1);
});

test('a node killed with SIGKILL right after a block keeps every accepted block', async () => {
  const [a, b] = accounts;
  const sent = [];
  for (let i = 0; i < 3; i++) {
    const { transaction_hash } = await account(a).execute({ contractAddress: STRK, entrypoint: 'transfer', calldata: CallData.compile({ recipient: b.address, amount: cairo.uint256(2n) }) });
    await provider.waitForTransaction(transaction_hash, { retryInterval: 100 });
    sent.push(transaction_hash);
  }
  const latest = await provider.getBlockWithTxHashes('latest');
  await new Promise((resolve) => { node.proc.on('exit', resolve); node.proc.kill('SIGKILL'); });
  node = await startDevnet();
  const again = await provider.getBlockWithTxHashes({ block_number: latest.block_number });
  assert.equal(again.block_hash, latest.block_hash);
  for (const h of sent) {
    const status = await provider.getTransactionStatus(h);
    assert.equal(status.finality_status, 'ACCEPTED_ON_L2');
  }
});
