using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Testing;

namespace Cairn.Node.Tests;

/// <summary>`cairn run-contract` on a real Cairo 2.10 ERC20 class (CASM from @hyperlane-xyz/starknet-core).</summary>
public sealed class RunContractCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cairn-contract-cli-").FullName;
    private readonly string _erc20;

    public RunContractCommandTests()
    {
        _erc20 = Path.Combine(_dir, "erc20.casm.json");
        File.WriteAllText(_erc20, ContractFixtures.CasmJson("contracts_TestERC20"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Json(CliResult r)
    {
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Err);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Constructor_prints_events_storage_writes_and_gas()
    {
        var j = Json(Cli.Run("run-contract", _erc20, "--selector", "constructor", "--entry-point-type", "constructor",
            "--calldata", "1000,0,18", "--caller", "0xa11ce"));
        Assert.False(j.GetProperty("failed").GetBoolean());
        Assert.Equal(0, j.GetProperty("retdata").GetArrayLength());
        var ev = Assert.Single(j.GetProperty("events").EnumerateArray());
        Assert.Equal(StarknetKeccak.Selector("Transfer").ToString(), ev.GetProperty("keys")[0].GetString());
        Assert.Equal("0x3e8", ev.GetProperty("data")[0].GetString());
        var writes = j.GetProperty("storage_writes").EnumerateObject().ToList();
        Assert.Contains(writes, w => w.Value.GetString() == "0x3e8");
        Assert.Contains(writes, w => w.Value.GetString() == "0x12");
        Assert.True(j.GetProperty("gas_consumed").GetInt64() > 10_000);
        foreach (var w in writes) Cli.AssertCanonical(w.Name);
    }

    [Fact]
    public void Storage_option_seeds_state_and_a_panic_is_reported_as_failed()
    {
        // Give Alice a balance by writing the constructor's storage, then transfer from her.
        var ctor = Json(Cli.Run("run-contract", _erc20, "--selector", "constructor", "--entry-point-type", "constructor",
            "--calldata", "1000,0,18", "--caller", "0xa11ce"));
        var storage = ctor.GetProperty("storage_writes").EnumerateObject().Select(w => $"0x1000:{w.Name}={w.Value.GetString()}").ToList();
        var args = new List<string> { "run-contract", _erc20, "--selector", "transfer", "--calldata", "0xb0b,300,0", "--caller", "0xa11ce" };
        foreach (var s in storage) args.AddRange(["--storage", s]);
        var ok = Json(Cli.Run([.. args]));
        Assert.False(ok.GetProperty("failed").GetBoolean());
        Assert.Equal(["0x1"], ok.GetProperty("retdata").EnumerateArray().Select(e => e.GetString()));

        var poor = Json(Cli.Run("run-contract", _erc20, "--selector", "transfer", "--calldata", "0xb0b,300,0", "--caller", "0xa11ce"));
        Assert.True(poor.GetProperty("failed").GetBoolean());
        Assert.NotEmpty(poor.GetProperty("retdata").EnumerateArray());
    }

    [Fact]
    public void Selector_by_hex_and_view_functions()
    {
        var j = Json(Cli.Run("run-contract", _erc20, "--selector", StarknetKeccak.Selector("decimals").ToString(),
            "--storage", "0x1000:" + StarknetKeccak.Selector("ERC20_decimals") + "=6"));
        Assert.False(j.GetProperty("failed").GetBoolean());
        Assert.Single(j.GetProperty("retdata").EnumerateArray());
    }

    [Theory]
    [InlineData("--selector", "no_such_function", "no external entry point 'no_such_function'")]
    [InlineData("--calldata", "1,zz", "calldata")]
    [InlineData("--storage", "0x1:2", "ADDRESS:KEY=VALUE")]
    [InlineData("--entry-point-type", "view", "unknown entry point type")]
    public void Bad_input_exits_2_with_a_clear_error(string option, string value, string expected)
    {
        var args = new List<string> { "run-contract", _erc20 };
        if (option != "--selector") args.AddRange(["--selector", "decimals"]);
        args.AddRange([option, value]);
        var r = Cli.Run([.. args]);
        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Out);
        Assert.Contains(expected, r.Err);
        Cli.AssertNoStackTrace(r.Err);
    }

    [Fact]
    public void Malformed_class_and_step_limit_are_clear_errors()
    {
        string bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"bytecode\": [\"0x1\"]}");
        var r = Cli.Run("run-contract", bad, "--selector", "x");
        Assert.Equal(2, r.Exit);
        Assert.Contains("entry_points_by_type", r.Err);

        var steps = Cli.Run("run-contract", _erc20, "--selector", "constructor", "--entry-point-type", "constructor", "--calldata", "1,0,18", "--max-steps", "50");
        Assert.Equal(1, steps.Exit);
        Assert.Contains("step limit exceeded", steps.Err);
        Assert.Contains("pc=", steps.Err);
        Cli.AssertNoStackTrace(steps.Err);
    }
}
