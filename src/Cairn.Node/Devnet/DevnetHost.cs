using Cairn.Chain.Storage;
using Cairn.Execution.Genesis;
using Cairn.Execution.State;
using Cairn.Rpc.Server;
using Cairn.Sequencer;
using Cairn.State;
using Cairn.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cairn.Node.Devnet;

/// <summary>
/// <c>cairn devnet</c>: opens (or creates) the data folder, writes the genesis block when the chain is
/// empty, starts the block producer and serves JSON-RPC 0.10 over HTTP and WebSocket until Ctrl-C or
/// SIGTERM, then stops the producer and closes the store (every block is already durable).
/// </summary>
public sealed class DevnetHost
{
    public static IReadOnlyList<string> Columns => [.. WorldState.ColumnNames, .. ChainStore.ColumnNames, .. ClassStore.ColumnNames];

    public static async Task<int> RunAsync(DevnetOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        string dir = options.DataDir ?? Path.Combine(Path.GetTempPath(), "cairn-devnet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        void Log(string line) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        try
        {
            using var store = RocksDbStore.Open(dir, Columns);
            var world = new WorldState(store);
            var chain = new ChainStore(store);
            var classes = new ClassStore(store);
            bool resumed = chain.LatestBlockNumber is not null;

            var genesisOptions = new GenesisOptions { Seed = options.Seed, Accounts = options.Accounts };
            if (options.GenesisFile is { } file) genesisOptions = GenesisOptions.Load(file, genesisOptions);
            var genesis = GenesisBuilder.Build(genesisOptions, options.ChainId);

            var producer = new BlockProducer(world, chain, classes, new Mempool(), new ProducerOptions
            {
                ChainId = options.ChainId,
                Mode = options.Mode,
                BlockTime = options.BlockTime,
            }, Log);
            producer.Initialize(genesis);
            var backend = new NodeBackend(world, chain, classes, producer, genesis);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
            var app = builder.Build();
            app.UseWebSockets();
            app.MapCairnRpc(backend);

            await app.StartAsync(cancellationToken);
            output.WriteLine(resumed
                ? $"Resumed from {dir} at block {chain.LatestBlockNumber} ({chain.LatestHeader!.Hash})"
                : $"Genesis written to {dir}: block 0 {chain.LatestHeader!.Hash}");
            output.WriteLine($"Chain id: {FormatChainId(options.ChainId)}");
            output.WriteLine("Predeployed accounts (STRK fee token " + Cairn.Execution.Fees.FeeToken.StrkAddress + "):");
            foreach (var a in genesis.Accounts)
            {
                output.WriteLine($"  address     {a.Address}");
                output.WriteLine($"  private key {a.PrivateKey}");
                output.WriteLine($"  public key  {a.PublicKey}");
                output.WriteLine($"  balance     {a.Balance} fri");
                output.WriteLine();
            }
            output.WriteLine($"Account class {SystemClasses.Account.ClassHash}, block mode {Describe(options)}");
            output.WriteLine($"JSON-RPC 0.10 at http://{options.Host}:{options.Port}/rpc/v0_10 (WebSocket ws://{options.Host}:{options.Port}/ws/rpc/v0_10)");
            output.Flush();
            producer.Start();

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            output.WriteLine("Shutting down…");
            await app.StopAsync(CancellationToken.None);
            await producer.DisposeAsync();
            output.WriteLine($"Stopped at block {chain.LatestBlockNumber}; data in {dir}");
            return 0;
        }
        finally
        {
            if (options.DataDir is null)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static string FormatChainId(Cairn.Primitives.Felt id) =>
        id.TryToShortString(out var s) && s.Length > 0 ? $"{s} ({id})" : id.ToString();

    private static string Describe(DevnetOptions o) => o.Mode switch
    {
        BlockMode.PerTransaction => "instant (a block per transaction)",
        BlockMode.Interval => $"a block every {o.BlockTime.TotalMilliseconds} ms",
        _ => "on demand (dev_generateBlock)",
    };
}
