using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>
/// starknet.js 10 (tests/oracle) against the classes: calldata compiled by its <c>CallData</c> from the
/// classes' ABIs runs, its <c>CallData.parse</c> decodes the results, its <c>Deployer</c> predicts the
/// UDC's address and its <c>parseDeployerEvent</c> reads the UDC's event.
/// </summary>
public sealed class StarknetJsCompatibilityTests
{
    private const ulong Gas = 1_000_000_000;
    private static readonly Felt TokenClass = 0x70c3;
    private static readonly Felt UdcClass = 0x0dc;
    private static readonly Felt Alice = 0xa11ce;
    private static readonly Felt Bob = 0xb0b;

    private const string Script = """
        const s = require('starknet');
        let input = '';
        process.stdin.on('data', d => input += d);
        process.stdin.on('end', () => {
          const req = JSON.parse(input);
          const erc = new s.CallData(JSON.parse(req.erc20Abi));
          const hex = a => a.map(x => '0x' + BigInt(x).toString(16));
          let out;
          if (req.mode === 'compile') {
            out = {
              ctor: hex(erc.compile('constructor', { name: 'Starknet Token', symbol: 'STRK', decimals: 18, initial_supply: s.cairo.uint256(10n ** 40n), recipient: req.alice, owner: req.alice })),
              transfer: hex(erc.compile('transfer', { recipient: req.bob, amount: s.cairo.uint256(123456789012345678901234567890123456789n) })),
              approve: hex(erc.compile('approve', { spender: req.bob, amount: s.cairo.uint256(5n) })),
              transferFrom: hex(erc.compile('transferFrom', { sender: req.alice, recipient: req.bob, amount: s.cairo.uint256(2n) })),
            };
            const d = new s.Deployer(req.udc, 'deploy_contract');
            for (const unique of [true, false]) {
              const built = d.buildDeployerCall({ classHash: req.tokenClass, salt: '0x5a17', unique, constructorCalldata: out.ctor }, req.alice);
              out['deploy_' + unique] = { calldata: hex(built.calls[0].calldata), address: '0x' + BigInt(built.addresses[0]).toString(16) };
            }
          } else {
            out = {
              name: erc.parse('name', req.name),
              symbol: erc.parse('symbol', req.symbol),
              decimals: erc.parse('decimals', req.decimals),
              balance: erc.parse('balanceOf', req.balance),
              transfer: erc.parse('transfer', req.transfer),
              event: new s.Deployer(req.udc, 'deploy_contract').parseDeployerEvent({ transaction_hash: '0x1', events: [{ from_address: req.udc, keys: req.eventKeys, data: req.eventData }] }),
            };
          }
          process.stdout.write(JSON.stringify(out, (k, v) => typeof v === 'bigint' ? v.toString() : v));
        });
        """;

    private static JsonNode Node(JsonObject request)
    {
        var psi = new ProcessStartInfo("node", ["-e", Script])
        {
            WorkingDirectory = ScureOracle.OracleDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(request.ToJsonString());
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }

    private static Felt[] Felts(JsonNode? node) => node!.AsArray().Select(x => Felt.Parse(x!.GetValue<string>())).ToArray();

    private static JsonArray Hex(IEnumerable<Felt> felts) => new(felts.Select(f => (JsonNode)JsonValue.Create(f.ToString())!).ToArray());

    [Fact]
    public void Starknet_js_calls_the_token_and_the_deployer()
    {
        var compiled = Node(new JsonObject
        {
            ["mode"] = "compile",
            ["erc20Abi"] = Erc20Token.Abi,
            ["alice"] = Alice.ToString(),
            ["bob"] = Bob.ToString(),
            ["udc"] = UniversalDeployer.Address.ToString(),
            ["tokenClass"] = TokenClass.ToString(),
        });
        var world = new InMemoryWorld();
        world.Classes[TokenClass] = Erc20Token.Contract.Class;
        world.Classes[UdcClass] = UniversalDeployer.Contract.Class;
        world.Contracts[UniversalDeployer.Address] = UdcClass;

        // Deploy through the UDC with starknet.js's call; the address is the one it predicted.
        Felt token = default;
        foreach (var unique in new[] { "true", "false" })
        {
            var deploy = compiled["deploy_" + unique]!;
            var r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, UniversalDeployer.Address, UdcClass, Alice,
                StarknetKeccak.Selector("deploy_contract"), Felts(deploy["calldata"]), Gas);
            Assert.False(r.Failed, string.Join(",", r.Retdata));
            Assert.Equal(Felt.Parse(deploy["address"]!.GetValue<string>()), r.Retdata.Single());
            if (unique == "true") token = r.Retdata[0];
        }
        var deployed = world.Events.First(e => e.FromAddress == UniversalDeployer.Address);

        Felt[] Run(string fn, Felt caller, Felt[] cd)
        {
            var r = InMemorySyscallHandler.RunCall(world, EntryPointType.External, token, TokenClass, caller, StarknetKeccak.Selector(fn), cd, Gas);
            Assert.False(r.Failed, $"{fn}: {string.Join(",", r.Retdata)}");
            return [.. r.Retdata];
        }
        var transfer = Run("transfer", Alice, Felts(compiled["transfer"]));
        Run("approve", Alice, Felts(compiled["approve"]));
        Run("transferFrom", Bob, Felts(compiled["transferFrom"]));

        var parsed = Node(new JsonObject
        {
            ["mode"] = "parse",
            ["erc20Abi"] = Erc20Token.Abi,
            ["udc"] = UniversalDeployer.Address.ToString(),
            ["name"] = Hex(Run("name", Bob, [])),
            ["symbol"] = Hex(Run("symbol", Bob, [])),
            ["decimals"] = Hex(Run("decimals", Bob, [])),
            ["balance"] = Hex(Run("balanceOf", Bob, [Bob])),
            ["transfer"] = Hex(transfer),
            ["eventKeys"] = Hex(deployed.Keys),
            ["eventData"] = Hex(deployed.Data),
        });
        Assert.Equal("Starknet Token", parsed["name"]!.GetValue<string>());
        Assert.Equal("STRK", parsed["symbol"]!.GetValue<string>());
        Assert.Equal("18", parsed["decimals"]!.GetValue<string>());
        Assert.Equal((System.Numerics.BigInteger.Parse("123456789012345678901234567890123456789", System.Globalization.CultureInfo.InvariantCulture) + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), parsed["balance"]!.GetValue<string>());
        Assert.True(parsed["transfer"]!.GetValue<bool>());
        var ev = parsed["event"]!;
        Assert.Equal(token, Felt.Parse(ev["address"]!.GetValue<string>()));
        Assert.Equal(Alice, Felt.Parse(ev["deployer"]!.GetValue<string>()));
        Assert.Equal(TokenClass, Felt.Parse(ev["classHash"]!.GetValue<string>()));
        Assert.Equal(Felt.Parse("0x5a17"), Felt.Parse(ev["salt"]!.GetValue<string>()));
        Assert.Equal(Felts(compiled["ctor"]), Felts(ev["calldata"]));
    }
}
