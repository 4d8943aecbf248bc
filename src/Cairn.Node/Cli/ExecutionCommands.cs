using Cairn.Crypto.Hashing;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Cairn.Cairo.Programs;
using Cairn.Execution.Classes;
using Cairn.Execution.Hashing;
using Cairn.Execution.Json;
using Cairn.Execution.Transactions;
using Cairn.Primitives;

namespace Cairn.Node.Cli;

/// <summary>
/// `cairn tx hash`, `cairn class hash`, `cairn class compiled-hash` and `cairn address`: the transaction and
/// class hashes and contract addresses of starknet.md §3.2, §4 and §6, from JSON-RPC / compiler JSON files.
/// </summary>
public static class ExecutionCommands
{
    public static IEnumerable<Command> Build() => [TxCommand(), ClassCommand(), AddressCommand()];

    private static Command TxCommand()
    {
        var tx = new Command("tx", "Starknet transactions");
        var file = new Argument<string>("FILE") { Description = "A transaction in the JSON-RPC 0.10 shape (BROADCASTED_*_TXN or any *_TXN), or - for standard input" };
        var chainId = new Option<string>("--chain-id")
        {
            Description = "The chain id: a short string (SN_MAIN, SN_SEPOLIA, quotes optional) or 0x hex",
            Required = true,
        };
        var query = new Option<bool>("--query") { Description = "Hash the query version (2^128 + version), as estimateFee and simulate do" };
        var hash = new Command("hash", "Print the hash of a transaction (v3 Poseidon, L1_HANDLER and legacy Pedersen forms); "
            + "a {\"invoke_transaction\": …} style request parameter is unwrapped; a historical v3 transaction without l1_data_gas hashes two bounds") { file, chainId, query };
        hash.SetAction(parse => Guard(parse, "tx hash", () =>
        {
            var chain = ParseChainId(parse.GetValue(chainId)!);
            var bytes = ReadInput(parse.GetValue(file)!);
            var transaction = TransactionJson.Parse(Unwrap(bytes), TransactionJsonOptions.AnyVersion);
            if (parse.GetValue(query))
            {
                if (transaction.Type is TransactionType.L1Handler or TransactionType.Deploy)
                    throw new CliInputException($"--query: {transaction.Type} transactions have no query version");
                transaction = transaction with { IsQuery = true };
            }
            return TransactionHasher.Compute(transaction, chain).ToString();
        }));
        tx.Subcommands.Add(hash);
        return tx;
    }

    private static Command ClassCommand()
    {
        var cls = new Command("class", "Contract classes");

        var sierra = new Argument<string>("SIERRA") { Description = "A Sierra class: Scarb *.contract_class.json (abi an array) or an RPC contract_class (abi a string), or -" };
        var hash = new Command("hash", "Print the Sierra class hash (the class_hash of a declare)") { sierra };
        hash.SetAction(parse => Guard(parse, "class hash", () =>
            SierraClassHash.Compute(SierraContractClass.Parse(ReadInput(parse.GetValue(sierra)!))).ToString()));
        cls.Subcommands.Add(hash);

        var casm = new Argument<string>("CASM") { Description = "A compiled class: *.compiled_contract_class.json (CASM), or -" };
        var version = new Option<string>("--hash-version")
        {
            Description = "v2: Blake2s (Starknet ≥ 0.14.1, the default) or v1: Poseidon (legacy)",
            DefaultValueFactory = _ => "v2",
        };
        version.AcceptOnlyFromAmong("v1", "v2");
        var compiled = new Command("compiled-hash", "Print the compiled class hash of a CASM class (the compiled_class_hash of a declare)") { casm, version };
        compiled.SetAction(parse => Guard(parse, "class compiled-hash", () =>
        {
            CasmContractClass c;
            try
            {
                c = CasmContractClass.Parse(ReadInput(parse.GetValue(casm)!));
            }
            catch (ProgramLoadException e)
            {
                throw new CliInputException(e.Message);
            }
            try
            {
                return (parse.GetValue(version) == "v1" ? CompiledClassHasher.ComputePoseidon(c) : CompiledClassHasher.ComputeBlake(c)).ToString();
            }
            catch (InvalidOperationException e)
            {
                throw new CliInputException(e.Message);
            }
        }));
        cls.Subcommands.Add(compiled);
        return cls;
    }

    private static Command AddressCommand()
    {
        var classHash = new Option<string>("--class-hash") { Description = "The class hash of the deployed contract", Required = true };
        var salt = new Option<string>("--salt") { Description = "The contract address salt", Required = true };
        var deployer = new Option<string?>("--deployer") { Description = "The deployer address (default 0: DEPLOY_ACCOUNT, or deploy_from_zero)" };
        var calldata = new Option<string?>("--calldata") { Description = "Comma-separated constructor calldata felts (decimal, 0x hex or 'short string')" };
        var address = new Command("address", "Print a contract address: pedersen_array(['STARKNET_CONTRACT_ADDRESS', deployer, salt, class_hash, "
            + "pedersen_array(calldata)]) mod 2^251 − 256") { classHash, salt, deployer, calldata };
        address.SetAction(parse => Guard(parse, "address", () =>
        {
            var h = CliValues.ParseFelt(parse.GetValue(classHash)!, "--class-hash");
            var s = CliValues.ParseFelt(parse.GetValue(salt)!, "--salt");
            var d = parse.GetValue(deployer) is { } dep ? CliValues.ParseFelt(dep, "--deployer") : Felt.Zero;
            var args = new List<Felt>();
            if (parse.GetValue(calldata) is { } cd && cd.Trim().Length > 0)
            {
                var parts = cd.Split(',');
                for (int i = 0; i < parts.Length; i++) args.Add(CliValues.ParseFelt(parts[i], $"--calldata value {i + 1}"));
            }
            return ContractAddressCalculator.Compute(s, h, args.ToArray(), d).ToString();
        }));
        return address;
    }

    /// <summary>Runs one command: its line on stdout, or `error: NAME: …` on stderr with exit code 2.</summary>
    private static int Guard(ParseResult parse, string name, Func<string> run) =>
        CliGuard.Run(parse, name, () =>
        {
            parse.InvocationConfiguration.Output.WriteLine(run());
            return 0;
        });

    /// <summary>A chain id: 0x hex, or a short string (with or without single quotes).</summary>
    internal static Felt ParseChainId(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || (t.Length >= 2 && t[0] == '\'' && t[^1] == '\''))
            return CliValues.ParseFelt(t, "--chain-id");
        if (t.Length == 0) throw new CliInputException("--chain-id: empty value");
        if (!Felt.TryFromShortString(t, out var f, out var error)) throw new CliInputException($"--chain-id {text}: {error}");
        return f;
    }

    private static byte[] ReadInput(string path)
    {
        if (path == "-") return Encoding.UTF8.GetBytes(CliApp.Input.ReadToEnd());
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Unwraps <c>{"invoke_transaction": {…}}</c> (and the declare / deploy-account forms) to the transaction.</summary>
    private static byte[] Unwrap(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("type", out _))
            {
                foreach (var name in (ReadOnlySpan<string>)["invoke_transaction", "declare_transaction", "deploy_account_transaction"])
                {
                    if (root.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.Object)
                        return Encoding.UTF8.GetBytes(inner.GetRawText());
                }
            }
        }
        catch (JsonException)
        {
            // reported by the parser with its position
        }
        return json;
    }
}
