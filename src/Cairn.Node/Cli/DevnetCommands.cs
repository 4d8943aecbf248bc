using System.CommandLine;
using System.Runtime.InteropServices;
using Cairn.Node.Devnet;
using Cairn.Sequencer;

namespace Cairn.Node.Cli;

/// <summary><c>cairn devnet</c>: a local Starknet-compatible node (see <see cref="DevnetHost"/>).</summary>
public static class DevnetCommands
{
    /// <summary>
    /// <c>cairn submit-casm CASM [--rpc URL]</c>: sends a CASM class to a node with <c>cairn_addCompiledClass</c>
    /// (the extension through which a declare's CASM reaches Cairn) and prints its compiled class hash.
    /// </summary>
    public static Command SubmitCasm()
    {
        var file = new Argument<string>("CASM") { Description = "The compiled class (starknet-sierra-compile / Scarb *.compiled_contract_class.json)" };
        var rpc = new Option<string>("--rpc") { Description = "The node's JSON-RPC URL", DefaultValueFactory = _ => "http://127.0.0.1:5050/rpc/v0_10" };
        var cmd = new Command("submit-casm", "Send a CASM class to a Cairn node (cairn_addCompiledClass) so that a following declare of its Sierra class finds it; prints the compiled class hash") { file, rpc };
        cmd.SetAction(parse => CliGuard.Run(parse, "submit-casm", () =>
        {
            string path = parse.GetValue(file)!;
            string json;
            try
            {
                json = File.ReadAllText(path);
                Cairn.Cairo.Programs.CasmContractClass.Parse(json);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Cairn.Cairo.Programs.ProgramLoadException)
            {
                throw new CliInputException($"{path}: {e.Message}");
            }
            string body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"cairn_addCompiledClass\",\"params\":{\"compiled_class\":" + json + "}}";
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            HttpResponseMessage response;
            try
            {
                response = http.PostAsync(parse.GetValue(rpc), new StringContent(body, System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
            {
                throw new CliInputException($"cannot reach {parse.GetValue(rpc)}: {e.Message}");
            }
            using var doc = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            if (doc.RootElement.TryGetProperty("error", out var error)) throw new CliInputException("the node refused the class: " + error.GetRawText());
            parse.InvocationConfiguration.Output.WriteLine(doc.RootElement.GetProperty("result").GetProperty("compiled_class_hash").GetString());
            return 0;
        }));
        return cmd;
    }

    public static Command Devnet()
    {
        var port = new Option<int>("--port") { Description = "HTTP port of the JSON-RPC server", DefaultValueFactory = _ => 5050 };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder of the node's RocksDB store; the node resumes from it (default: a temporary folder removed on exit)" };
        var seed = new Option<string>("--seed") { Description = "Seed of the predeployed accounts' keys", DefaultValueFactory = _ => "0" };
        var accounts = new Option<int>("--accounts") { Description = "Number of predeployed, funded accounts", DefaultValueFactory = _ => 10 };
        var blockTime = new Option<int?>("--block-time") { Description = "Close a block every MS milliseconds (default: a block per transaction)" };
        var instant = new Option<bool>("--instant") { Description = "A block per transaction (the default)" };
        var onDemand = new Option<bool>("--on-demand") { Description = "Close blocks only on dev_generateBlock" };
        var genesis = new Option<string?>("--genesis") { Description = "A genesis file (seed, accounts, balances, extra classes and contracts)" };
        var chainId = new Option<string>("--chain-id") { Description = "Chain id (a short string such as SN_SEPOLIA, or 0x hex)", DefaultValueFactory = _ => "SN_SEPOLIA" };
        var cmd = new Command("devnet", "Run a local Starknet-compatible node: JSON-RPC 0.10 at http://HOST:PORT/rpc/v0_10, predeployed funded accounts, STRK fees")
        {
            port, host, dataDir, seed, accounts, blockTime, instant, onDemand, genesis, chainId,
        };
        cmd.SetAction(parse => CliGuard.Run(parse, "devnet", () =>
        {
            int? ms = parse.GetValue(blockTime);
            bool isInstant = parse.GetValue(instant);
            bool isOnDemand = parse.GetValue(onDemand);
            if ((ms is not null ? 1 : 0) + (isInstant ? 1 : 0) + (isOnDemand ? 1 : 0) > 1) throw new CliInputException("--block-time, --instant and --on-demand exclude each other");
            if (ms is <= 0) throw new CliInputException("--block-time must be a positive number of milliseconds");
            int p = parse.GetValue(port);
            if (p is < 0 or > 65535) throw new CliInputException("--port must be in [0, 65535]");
            int n = parse.GetValue(accounts);
            if (n is < 0 or > 1000) throw new CliInputException("--accounts must be in [0, 1000]");
            var options = new DevnetOptions
            {
                Host = parse.GetValue(host)!,
                Port = p,
                DataDir = parse.GetValue(dataDir),
                Seed = CliValues.ParseFelt(parse.GetValue(seed)!, "--seed"),
                Accounts = n,
                Mode = ms is not null ? BlockMode.Interval : isOnDemand ? BlockMode.OnDemand : BlockMode.PerTransaction,
                BlockTime = TimeSpan.FromMilliseconds(ms ?? 6000),
                GenesisFile = parse.GetValue(genesis),
                ChainId = ExecutionCommands.ParseChainId(parse.GetValue(chainId)!),
            };
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                stop.Cancel();
            });
            try
            {
                return DevnetHost.RunAsync(options, parse.InvocationConfiguration.Output, stop.Token).GetAwaiter().GetResult();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return cmd;
    }
}
