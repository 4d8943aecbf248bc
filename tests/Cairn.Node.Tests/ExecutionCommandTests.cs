using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>`cairn tx hash`, `cairn class hash`, `cairn class compiled-hash` and `cairn address`.</summary>
public sealed class ExecutionCommandTests : IDisposable
{
    // Mainnet INVOKE v3 with proof_facts from vectors/sequencer/transaction_hash.json, in the RPC shape
    // (historical: two resource bounds).
    private const string InvokeWithProofFacts = """
        {"type":"INVOKE","version":"0x3","account_deployment_data":[],
         "calldata":["0x1","0x4c0a5193d58f74fbace4b74dcf65481e734ed1714121bdc571da345540efa05","0x3943907ef0ef6f9d2e2408b05e520a66daaf74293dbf665e5a20b117676170e","0x2","0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7","0x16345785d8a0000"],
         "fee_data_availability_mode":"L1","nonce":"0x9d","nonce_data_availability_mode":"L1","paymaster_data":[],
         "resource_bounds":{"l1_gas":{"max_amount":"0xa9e","max_price_per_unit":"0x7f2a1ad4f2f1"},"l2_gas":{"max_amount":"0x0","max_price_per_unit":"0x0"}},
         "sender_address":"0x69c0f9bcd79697bdceaf7748e3ff8f34aa39e4063ce44896af664c0c96f6c10",
         "signature":["0x1","0x1c3a868705399362140bf5ae33f955f1c946a8f836d4c052f2aff397bcfe80a","0x78163ce5979e2bc8a944ba353a63c194ca4f63d393bbaaa95857daa9223e93c"],
         "tip":"0x0","proof_facts":["0x1","0x2","0x3"]}
        """;
    private const string InvokeHash = "0x6d885b1a2b7cb7946480c63aa1697888a33e9ccd0b1516f41c41731a1628726";
    private const string InvokeQueryHash = "0x4f6d9d6a88c714904736ad22f9ebda8fa93958c6a3be3bd23a5a0d7b6e67668";

    // Mainnet L1_HANDLER from the same file.
    private const string L1Handler = """
        {"type":"L1_HANDLER","version":"0x0","nonce":"0x18e94d",
         "calldata":["0xae0ee0a63a2ce6baeeffe56e7714fb4efe48d419","0x455448","0xc27947400e26e534e677afc2e9b2ec1bab14fc89","0x4af4754baf89f1b8b449215a8ea7ce558824a33a5393eaa3829658549f2bfa2","0x9184e72a000","0x0"],
         "contract_address":"0x73314940630fd6dcda0d772d4c972c4e0a9946bef9dabf4ef84eda8ef542b82",
         "entry_point_selector":"0x1b64b1b3b690b43b9b514fb81377518f4039cd3e4f4914d8a6bdf01d679fb19"}
        """;
    private const string L1HandlerHash = "0x439e12f67962c353182d72b4af12c3f11eaba4b36e552aebcdcd6db66971bdb";

    private readonly string _dir = Directory.CreateTempSubdirectory("cairn-execution-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Ok(CliResult r)
    {
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Err);
        Assert.Single(r.OutLines);
        Cli.AssertCanonical(r.OutLines[0]);
        return r.OutLines[0];
    }

    [Fact]
    public void TxHashOfAMainnetInvoke()
    {
        var file = Write("invoke.json", InvokeWithProofFacts);
        Assert.Equal(InvokeHash, Ok(Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", file)));
        Assert.Equal(InvokeQueryHash, Ok(Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", "--query", file)));
    }

    [Fact]
    public void TxHashQueryVersionInTheFileIsHonoured()
    {
        var q = JsonNode.Parse(InvokeWithProofFacts)!.AsObject();
        q["version"] = "0x100000000000000000000000000000003";
        Assert.Equal(InvokeQueryHash, Ok(Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", Write("q.json", q.ToJsonString()))));
    }

    [Theory]
    [InlineData("SN_MAIN")]
    [InlineData("'SN_MAIN'")]
    [InlineData("0x534e5f4d41494e")]
    [InlineData("0x534E5F4D41494E")]
    public void ChainIdForms(string chainId) =>
        Assert.Equal(InvokeHash, Ok(Cli.Run("tx", "hash", "--chain-id", chainId, Write("invoke.json", InvokeWithProofFacts))));

    [Fact]
    public void TxHashFromStandardInputAndFromARequestParameter()
    {
        Assert.Equal(InvokeHash, Ok(Cli.RunWithInput(InvokeWithProofFacts, "tx", "hash", "--chain-id", "SN_MAIN", "-")));
        var wrapped = "{\"invoke_transaction\": " + InvokeWithProofFacts + "}";
        Assert.Equal(InvokeHash, Ok(Cli.RunWithInput(wrapped, "tx", "hash", "--chain-id", "SN_MAIN", "-")));
    }

    [Fact]
    public void TxHashOfAnL1Handler()
    {
        var file = Write("l1.json", L1Handler);
        Assert.Equal(L1HandlerHash, Ok(Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", file)));
        Cli.AssertInputError(Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", "--query", file));
    }

    [Fact]
    public void TxHashMatchesStarknetJsForABroadcastDeployAccount()
    {
        var tx = """
            {"type":"DEPLOY_ACCOUNT","version":"0x3","signature":[],"nonce":"0x0","contract_address_salt":"0x1234","constructor_calldata":["0x5","0x6"],
             "class_hash":"0x61dac032f228abef9c6626f995015233097ae253a7f72d68552db02f2971b8f",
             "resource_bounds":{"l1_gas":{"max_amount":"0x10","max_price_per_unit":"0x20"},"l2_gas":{"max_amount":"0x30","max_price_per_unit":"0x40"},
                                "l1_data_gas":{"max_amount":"0x50","max_price_per_unit":"0x60"}},
             "tip":"0x7","paymaster_data":[],"nonce_data_availability_mode":"L1","fee_data_availability_mode":"L1"}
            """;
        var expected = ScureOracle.Shared.CallOne("tx_hash_deploy_account_v3", tx, "0x534e5f5345504f4c4941");
        Assert.Equal(expected, Ok(Cli.Run("tx", "hash", "--chain-id", "SN_SEPOLIA", Write("da.json", tx))));
    }

    public static TheoryData<string> BadTransactions() => new()
    {
        "not json",
        "{}",
        InvokeWithProofFacts.Replace("\"0x9d\"", "\"9d\"", StringComparison.Ordinal),
        InvokeWithProofFacts.Replace("\"L1\"", "\"L9\"", StringComparison.Ordinal),
        InvokeWithProofFacts.Replace("\"0xa9e\"", "\"0x10000000000000000\"", StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(BadTransactions))]
    public void BadTransactionIsAnInputError(string json)
    {
        var r = Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", Write("bad.json", json));
        Cli.AssertInputError(r);
        Assert.StartsWith("error: tx hash: ", r.Err);
    }

    [Fact]
    public void BadFieldIsNamed()
    {
        var r = Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", Write("bad.json", InvokeWithProofFacts.Replace("\"0xa9e\"", "\"0x10000000000000000\"", StringComparison.Ordinal)));
        Assert.Contains("resource_bounds.l1_gas.max_amount", r.Err);
    }

    [Fact]
    public void TxHashUsageErrors()
    {
        var file = Write("invoke.json", InvokeWithProofFacts);
        Assert.Equal(2, Cli.Run("tx", "hash", file).Exit); // no --chain-id
        Cli.AssertInputError(Cli.Run("tx", "hash", "--chain-id", "SN_MAIN", Path.Combine(_dir, "missing.json")));
        Cli.AssertInputError(Cli.Run("tx", "hash", "--chain-id", "THIS_CHAIN_ID_IS_MUCH_TOO_LONG_FOR_A_FELT", file));
    }

    [Fact]
    public void ClassHashOfARealClass()
    {
        var sierra = ContractFixtures.SierraJson("contracts_noop_ism");
        var expected = ScureOracle.Shared.CallOne("sierra_class_hash", sierra);
        Assert.Equal(expected, Ok(Cli.Run("class", "hash", Write("noop.sierra.json", sierra))));
        Assert.Equal(expected, Ok(Cli.RunWithInput(sierra, "class", "hash", "-")));
    }

    [Fact]
    public void CompiledClassHashV1AndV2()
    {
        var casm = ContractFixtures.CasmJson("contracts_noop_ism");
        var file = Write("noop.casm.json", casm);
        var blake = ScureOracle.Shared.CallOne("compiled_class_hash", casm, "blake");
        var poseidon = ScureOracle.Shared.CallOne("compiled_class_hash", casm, "poseidon");
        Assert.Equal(blake, Ok(Cli.Run("class", "compiled-hash", file)));
        Assert.Equal(blake, Ok(Cli.Run("class", "compiled-hash", file, "--hash-version", "v2")));
        Assert.Equal(poseidon, Ok(Cli.Run("class", "compiled-hash", file, "--hash-version", "v1")));
        Assert.Equal(2, Cli.Run("class", "compiled-hash", file, "--hash-version", "v3").Exit);
    }

    [Fact]
    public void ClassCommandsRejectBadFiles()
    {
        Cli.AssertInputError(Cli.Run("class", "hash", Write("bad.json", "{\"sierra_program\": []}")));
        Cli.AssertInputError(Cli.Run("class", "hash", Path.Combine(_dir, "missing.json")));
        Cli.AssertInputError(Cli.Run("class", "compiled-hash", Write("bad2.json", "{\"bytecode\": 1}")));
    }

    [Fact]
    public void AddressMatchesTheVectorAndStarknetJs()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json")));
        var c = doc.RootElement.GetProperty("contract_address").GetProperty("cases")[0];
        var calldata = string.Join(',', c.GetProperty("constructor_calldata").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(c.GetProperty("address").GetString(), Ok(Cli.Run("address", "--class-hash", c.GetProperty("class_hash").GetString()!,
            "--salt", c.GetProperty("salt").GetString()!, "--calldata", calldata)));

        var expected = ScureOracle.Shared.CallOne("contract_address", "0x77", "0x1234abcd", "0x41", "0x1", "0x2", "0x3");
        Assert.Equal(expected, Ok(Cli.Run("address", "--class-hash", "0x1234abcd", "--salt", "119", "--deployer", "'A'", "--calldata", "1,0x2,3")));
        var noCalldata = ScureOracle.Shared.CallOne("contract_address", "0x1", "0x2", "0x0");
        Assert.Equal(noCalldata, Ok(Cli.Run("address", "--class-hash", "0x2", "--salt", "0x1")));
    }

    [Fact]
    public void AddressInputErrors()
    {
        Cli.AssertInputError(Cli.Run("address", "--class-hash", "0xzz", "--salt", "0x1"));
        Cli.AssertInputError(Cli.Run("address", "--class-hash", "0x1", "--salt", "0x1", "--calldata", "1,,2"));
        Assert.Equal(2, Cli.Run("address", "--salt", "0x1").Exit);
    }

    [Theory]
    [InlineData("tx", "hash")]
    [InlineData("class", "hash")]
    [InlineData("class", "compiled-hash")]
    [InlineData("address")]
    public void Help(params string[] command)
    {
        var r = Cli.Run([.. command, "--help"]);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Contains("Usage:", r.Out);
    }
}
