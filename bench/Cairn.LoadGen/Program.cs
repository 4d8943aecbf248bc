using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Fees;
using Cairn.Execution.Hashing;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

// Load generator for issue 6: signed STRK transfers from many predeployed accounts, sent over JSON-RPC
// (starknet_addInvokeTransaction) to a running node; reports the submission rate, the sustained rate to
// ACCEPTED_ON_L2 and the latency from submission to the block that holds the transaction (p50, p99).
//
//   dotnet run -c Release --project bench/Cairn.LoadGen -- [--rpc URL] [--per-account N] [--concurrency C]
//
// bench/load.sh starts `cairn devnet --block-time 1000 --accounts 50` and runs this against it.
string rpc = "http://127.0.0.1:5050/rpc/v0_10";
int perAccount = 40;
int concurrency = 16;
for (int i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--rpc": rpc = args[++i]; break;
        case "--per-account": perAccount = int.Parse(args[++i]); break;
        case "--concurrency": concurrency = int.Parse(args[++i]); break;
    }
}

using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
async Task<JsonElement> Call(string method, string paramsJson)
{
    var body = $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{paramsJson}}}";
    using var response = await http.PostAsync(rpc, new StringContent(body, Encoding.UTF8, "application/json"));
    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    if (doc.RootElement.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method}: {error.GetRawText()}");
    return doc.RootElement.GetProperty("result").Clone();
}

var chainId = Felt.Parse((await Call("starknet_chainId", "[]")).GetString()!);
var header = await Call("starknet_getBlockWithTxHashes", "[\"latest\"]");
UInt128 Price(string name) => UInt128.Parse(header.GetProperty(name).GetProperty("price_in_fri").GetString()![2..], System.Globalization.NumberStyles.HexNumber);
var bounds = new ResourceBoundsMapping(
    new ResourceBounds(0, Price("l1_gas_price") * 2),
    new ResourceBounds(50_000_000, Price("l2_gas_price") * 2),
    new ResourceBounds(5_000, Price("l1_data_gas_price") * 2));
var accounts = (await Call("dev_predeployedAccounts", "[]")).EnumerateArray()
    .Select(a => (Address: Felt.Parse(a.GetProperty("address").GetString()!), Key: Felt.Parse(a.GetProperty("private_key").GetString()!)))
    .ToList();
Console.WriteLine($"{rpc}: {accounts.Count} accounts, {perAccount} transfers each, {concurrency} concurrent senders");

// Sign everything up front (the client's work is not what is measured).
var queues = new List<List<(TxHash Hash, string Body)>>();
var transfer = StarknetKeccak.Selector("transfer");
foreach (var (address, key) in accounts)
{
    var nonce = Felt.Parse((await Call("starknet_getNonce", $"[\"pre_confirmed\",\"{address}\"]")).GetString()!);
    var list = new List<(TxHash, string)>();
    for (int n = 0; n < perAccount; n++)
    {
        var recipient = accounts[(accounts.IndexOf((address, key)) + 1 + n) % accounts.Count].Address;
        var tx = new InvokeTransactionV3
        {
            SenderAddress = address,
            Calldata = new[] { Felt.One, FeeToken.StrkAddress.Value, transfer, Felt.FromUInt64(3), recipient, Felt.One, Felt.Zero },
            Nonce = nonce + Felt.FromUInt64((ulong)n),
            ResourceBounds = bounds,
        };
        var hash = TransactionHasher.Compute(tx, chainId);
        var sig = Ecdsa.Sign(key, hash.Value);
        list.Add((hash, Body(tx, sig)));
    }
    queues.Add(list);
}

static string Body(InvokeTransactionV3 tx, EcdsaSignature sig)
{
    static string B(ResourceBounds b) => $"{{\"max_amount\":\"0x{b.MaxAmount:x}\",\"max_price_per_unit\":\"0x{b.MaxPricePerUnit:x}\"}}";
    var calldata = string.Join(",", tx.Calldata.ToArray().Select(f => $"\"{f}\""));
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"starknet_addInvokeTransaction\",\"params\":[{\"type\":\"INVOKE\",\"version\":\"0x3\"," +
        $"\"sender_address\":\"{tx.SenderAddress}\",\"calldata\":[{calldata}],\"signature\":[\"{sig.R}\",\"{sig.S}\"],\"nonce\":\"{tx.Nonce}\"," +
        $"\"resource_bounds\":{{\"l1_gas\":{B(tx.ResourceBounds.L1Gas)},\"l2_gas\":{B(tx.ResourceBounds.L2Gas)},\"l1_data_gas\":{B(tx.ResourceBounds.L1DataGas!.Value)}}}," +
        "\"tip\":\"0x0\",\"paymaster_data\":[],\"account_deployment_data\":[],\"nonce_data_availability_mode\":\"L1\",\"fee_data_availability_mode\":\"L1\"}]}";
}

var submitted = new ConcurrentDictionary<TxHash, long>();
var accepted = new ConcurrentDictionary<TxHash, long>();
int errors = 0;
var clock = Stopwatch.StartNew();
ulong startBlock = (await Call("starknet_blockNumber", "[]")).GetUInt64();
int total = queues.Sum(q => q.Count);
using var stop = new CancellationTokenSource();

// Watch blocks: every transaction of a new block is ACCEPTED_ON_L2 when the block is seen.
var watcher = Task.Run(async () =>
{
    ulong next = startBlock + 1;
    while (!stop.IsCancellationRequested && accepted.Count < total)
    {
        ulong latest = (await Call("starknet_blockNumber", "[]")).GetUInt64();
        for (; next <= latest; next++)
        {
            var block = await Call("starknet_getBlockWithTxHashes", $"[{{\"block_number\":{next}}}]");
            long now = clock.ElapsedTicks;
            foreach (var h in block.GetProperty("transactions").EnumerateArray()) accepted.TryAdd(new TxHash(Felt.Parse(h.GetString()!)), now);
        }
        await Task.Delay(20);
    }
});

// Senders: each takes whole accounts (their nonces in order).
int nextQueue = -1;
var senders = Enumerable.Range(0, concurrency).Select(sender => Task.Run(async () =>
{
    int q;
    while ((q = Interlocked.Increment(ref nextQueue)) < queues.Count)
    {
        foreach (var (hash, body) in queues[q])
        {
            submitted[hash] = clock.ElapsedTicks;
            using var response = await http.PostAsync(rpc, new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains("\"error\"", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref errors) <= 3) Console.WriteLine("error: " + text);
                submitted.TryRemove(hash, out _);
            }
        }
    }
})).ToArray();
await Task.WhenAll(senders);
double submitSeconds = clock.Elapsed.TotalSeconds;
var deadline = clock.Elapsed + TimeSpan.FromSeconds(120);
while (accepted.Count(kv => submitted.ContainsKey(kv.Key)) < submitted.Count && clock.Elapsed < deadline) await Task.Delay(100);
stop.Cancel();
await watcher.ContinueWith(_ => { });

var latencies = submitted.Where(kv => accepted.ContainsKey(kv.Key))
    .Select(kv => (accepted[kv.Key] - kv.Value) * 1000.0 / Stopwatch.Frequency).Order().ToList();
double lastAccept = accepted.Values.DefaultIfEmpty(0).Max() / (double)Stopwatch.Frequency;
double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
Console.WriteLine($"submitted {submitted.Count} of {total} ({errors} refused) in {submitSeconds:F1} s: {submitted.Count / submitSeconds:F0} tx/s accepted by the gateway");
Console.WriteLine($"ACCEPTED_ON_L2: {latencies.Count} in {lastAccept:F1} s: sustained {latencies.Count / lastAccept:F0} tx/s; latency p50 {P(0.5):F0} ms, p99 {P(0.99):F0} ms, max {P(1):F0} ms");
return latencies.Count == submitted.Count && errors == 0 ? 0 : 1;
