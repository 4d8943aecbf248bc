using System.CommandLine;
using System.Text.Json;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Cairo.Vm;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Node.Cli;

/// <summary>
/// `cairn run-contract CLASS.casm.json --selector NAME|0x…`: runs one entry point of a Cairo 1
/// contract class against an in-memory world (storage from --storage, block number, gas) and prints
/// JSON <c>{"retdata", "failed", "events", "storage_writes", "gas_consumed"}</c>. A panic is a result
/// (<c>"failed": true</c>, exit 0); bad input exits 2; a VM error exits 1 naming the pc.
/// </summary>
public static class ContractCommands
{
    /// <summary>The address the contract runs at unless --contract-address says otherwise.</summary>
    public static readonly Felt DefaultContractAddress = Felt.FromUInt64(0x1000);

    public static Command RunContract()
    {
        var cls = new Argument<string>("CLASS") { Description = "Compiled contract class (CASM JSON, starknet-sierra-compile output)" };
        var selector = new Option<string>("--selector") { Description = "Entry point: a function name (hashed with starknet_keccak) or a 0x selector", Required = true };
        var calldata = new Option<string?>("--calldata") { Description = "Comma-separated calldata felts (decimal, 0x hex or 'short string')" };
        var storage = new Option<string[]>("--storage") { Description = "Initial storage cell ADDRESS:KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var blockNumber = new Option<ulong>("--block-number") { Description = "Block number seen by the contract", DefaultValueFactory = _ => 0 };
        var blockTimestamp = new Option<ulong>("--block-timestamp") { Description = "Block timestamp seen by the contract", DefaultValueFactory = _ => 0 };
        var initialGas = new Option<ulong>("--initial-gas") { Description = "Initial Sierra gas (L2 gas) of the call", DefaultValueFactory = _ => 1_000_000_000 };
        var address = new Option<string?>("--contract-address") { Description = "Address the contract runs at (default 0x1000)" };
        var caller = new Option<string?>("--caller") { Description = "Caller address (default 0)" };
        var type = new Option<string>("--entry-point-type") { Description = "external, constructor or l1_handler", DefaultValueFactory = _ => "external" };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Fail when the call has not ended after this many steps" };
        var cmd = new Command("run-contract", "Run one entry point of a Cairo 1 contract class (CASM) with an in-memory syscall handler; prints JSON")
        {
            cls, selector, calldata, storage, blockNumber, blockTimestamp, initialGas, address, caller, type, maxSteps,
        };
        cmd.SetAction(parse => CliGuard.Run(parse, "run-contract", () =>
            Execute(parse, cls, selector, calldata, storage, blockNumber, blockTimestamp, initialGas, address, caller, type, maxSteps)));
        return cmd;
    }

    private static int Execute(ParseResult parse, Argument<string> cls, Option<string> selector, Option<string?> calldata, Option<string[]> storage,
        Option<ulong> blockNumber, Option<ulong> blockTimestamp, Option<ulong> initialGas, Option<string?> address, Option<string?> caller,
        Option<string> type, Option<long?> maxSteps)
    {
        string path = parse.GetValue(cls)!;
        CasmContractClass contractClass;
        try
        {
            contractClass = CasmContractClass.Load(path);
        }
        catch (ProgramLoadException e)
        {
            throw new CliInputException($"{path}: {e.Message}");
        }

        var entryType = parse.GetValue(type) switch
        {
            "external" => EntryPointType.External,
            "constructor" => EntryPointType.Constructor,
            "l1_handler" => EntryPointType.L1Handler,
            var other => throw new CliInputException($"unknown entry point type '{other}' (external, constructor or l1_handler)"),
        };
        string sel = parse.GetValue(selector)!.Trim();
        var selectorFelt = sel.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? CliValues.ParseFelt(sel, "selector") : StarknetKeccak.Selector(sel);
        if (contractClass.FindEntryPoint(entryType, selectorFelt) is null)
        {
            throw new CliInputException($"the class has no {parse.GetValue(type)} entry point '{sel}' (selector {selectorFelt})");
        }

        var args = new List<Felt>();
        if (parse.GetValue(calldata) is { Length: > 0 } cd)
        {
            foreach (var part in cd.Split(',')) args.Add(CliValues.ParseFelt(part, "calldata"));
        }

        var contractAddress = parse.GetValue(address) is { } a ? CliValues.ParseFelt(a, "contract address") : DefaultContractAddress;
        var callerAddress = parse.GetValue(caller) is { } c ? CliValues.ParseFelt(c, "caller") : Felt.Zero;
        long steps = parse.GetValue(maxSteps) ?? new ContractRunOptions().MaxSteps;
        if (steps < 1) throw new CliInputException("--max-steps must be positive");

        var classHash = Felt.FromShortString("CAIRN_RUN_CONTRACT");
        var world = new InMemoryWorld
        {
            Block = new BlockInfo(parse.GetValue(blockNumber), parse.GetValue(blockTimestamp), Felt.Zero),
            RunOptions = new ContractRunOptions { MaxSteps = steps },
        };
        world.Classes[classHash] = contractClass;
        world.Contracts[contractAddress] = classHash;
        foreach (var s in parse.GetValue(storage) ?? [])
        {
            int colon = s.IndexOf(':');
            int eq = s.IndexOf('=');
            if (colon <= 0 || eq <= colon + 1 || eq == s.Length - 1) throw new CliInputException($"--storage '{s}': expected ADDRESS:KEY=VALUE");
            world.Storage[(CliValues.ParseFelt(s[..colon], "storage address"), CliValues.ParseFelt(s[(colon + 1)..eq], "storage key"))] =
                CliValues.ParseFelt(s[(eq + 1)..], "storage value");
        }
        var before = new Dictionary<(Felt, Felt), Felt>(world.Storage);

        EntryPointResult result;
        try
        {
            result = InMemorySyscallHandler.RunCall(world, entryType, contractAddress, classHash, callerAddress, selectorFelt, args, parse.GetValue(initialGas));
        }
        catch (Exception e) when (e is VmException or MemoryException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: run-contract: {e.Message}");
            return CairoCommands.ExitRunFailed;
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteFelts(json, "retdata", result.Retdata);
            json.WriteBoolean("failed", result.Failed);
            json.WriteStartArray("events");
            foreach (var ev in world.Events)
            {
                json.WriteStartObject();
                if (ev.FromAddress != contractAddress) json.WriteString("from_address", ev.FromAddress.ToString());
                WriteFelts(json, "keys", ev.Keys);
                WriteFelts(json, "data", ev.Data);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("storage_writes");
            foreach (var ((addr, key), value) in world.Storage)
            {
                if (addr != contractAddress) continue;
                if (before.TryGetValue((addr, key), out var old) && old == value) continue;
                json.WriteString(key.ToString(), value.ToString());
            }
            json.WriteEndObject();
            json.WriteNumber("gas_consumed", result.GasConsumed);
            json.WriteNumber("n_steps", result.Steps);
            json.WriteStartObject("builtin_instance_counter");
            foreach (var (name, count) in result.BuiltinInstances) json.WriteNumber(name, count);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        parse.InvocationConfiguration.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        return 0;
    }

    private static void WriteFelts(Utf8JsonWriter json, string name, IReadOnlyList<Felt> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v.ToString());
        json.WriteEndArray();
    }
}
