using System.Numerics;
using System.Text.Json;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// andrewmilson/sandstorm's <c>example/pedersen</c> private input (cairo-run, starknet layout; see
/// Oracle/sandstorm/README.md). Its compiled program (720 KB) is not stored, so the run cannot be
/// repeated; instead the builtin cells the run wrote are written into the builtin segments in the
/// order the program writes them, and the private input Cairn produces from them must be cairo-run's
/// text. What that checks against cairo-run: ECDSA's <c>w = s⁻¹ mod n</c> (s is in the program
/// source, not in the file), the signature itself (the ecdsa builtin verifies it on write), the
/// message as Pedersen(4321, 0), every ec_op point on the curve, and the format: instance order,
/// key order (ec_op's p_x, p_y, m, q_x, q_y is the order cairo.common.signature writes the cells:
/// cairo-lang's writer follows first-write order), hex, indentation.
/// </summary>
public class SandstormPedersenPrivateInputTests
{
    private const string File = "sandstorm/pedersen-air-private-input.starknet.json";

    private static Felt Hex(string h) => Felt.FromBigInteger(BigInteger.Parse("0" + h[2..], System.Globalization.NumberStyles.HexNumber));

    [Fact]
    public void Private_input_from_the_runs_builtin_cells_is_cairo_runs_text()
    {
        string expectedText = OracleFixture.ReadText(File);
        var expected = JsonDocument.Parse(expectedText).RootElement;

        var memory = new VmMemory();
        memory.AddSegment(); // program
        memory.AddSegment(); // execution
        var runners = new[] { "output", "pedersen", "range_check", "ecdsa", "bitwise", "ec_op", "poseidon" }.Select(n => BuiltinRunner.Create(n)!).ToList();
        foreach (var b in runners) b.InitializeSegments(memory);
        foreach (var b in runners)
        {
            b.AddValidationRules(memory);
            b.RecordInputWriteOrder(memory);
        }
        BuiltinRunner R(string name) => runners.Single(b => b.Name == name);

        // hash2(1, 2); hash2(amount = 4321, 0): x then y.
        foreach (var (i, item) in expected.GetProperty("pedersen").EnumerateArray().Index())
        {
            memory.Insert(R("pedersen").Base.Add(3 * i), Hex(item.GetProperty("x").GetString()!));
            memory.Insert(R("pedersen").Base.Add(3 * i + 1), Hex(item.GetProperty("y").GetString()!));
        }
        memory.Insert(R("range_check").Base, Felt.FromBigInteger(BigInteger.Parse("166156034813001157104264704933494816000")));

        // verify_ecdsa_signature: the hint registers (r, s), then the message and the public key are written.
        var sig = expected.GetProperty("ecdsa")[0];
        var ecdsa = (EcdsaBuiltinRunner)R("ecdsa");
        var r = Felt.FromBigInteger(BigInteger.Parse("1225578735933442828068102633747590437426782890965066746429241472187377583468"));
        var s = Felt.FromBigInteger(BigInteger.Parse("3568809569741913715045370357918125425757114920266578211811626257903121825123"));
        Assert.Equal(sig.GetProperty("signature_input").GetProperty("r").GetString(), r.ToHexString());
        ecdsa.AddSignature(ecdsa.Base, r, s);
        var message = Hex(sig.GetProperty("msg").GetString()!);
        Assert.True(memory.TryAutoDeduce(R("pedersen").Base.Add(5), out var hash));
        Assert.Equal(message, hash.Felt); // Pedersen(4321, 0)
        memory.Insert(ecdsa.Base.Add(1), message);
        memory.Insert(ecdsa.Base, Hex(sig.GetProperty("pubkey").GetString()!)); // the signature is verified here

        foreach (var (i, item) in expected.GetProperty("bitwise").EnumerateArray().Index())
        {
            memory.Insert(R("bitwise").Base.Add(5 * i), Hex(item.GetProperty("x").GetString()!));
            memory.Insert(R("bitwise").Base.Add(5 * i + 1), Hex(item.GetProperty("y").GetString()!));
        }

        // check_ecdsa_signature's ec_op calls write P, then m, then Q.
        foreach (var (i, item) in expected.GetProperty("ec_op").EnumerateArray().Index())
        {
            var at = R("ec_op").Base.Add(7 * i);
            memory.Insert(at, Hex(item.GetProperty("p_x").GetString()!));
            memory.Insert(at.Add(1), Hex(item.GetProperty("p_y").GetString()!));
            memory.Insert(at.Add(4), Hex(item.GetProperty("m").GetString()!));
            memory.Insert(at.Add(2), Hex(item.GetProperty("q_x").GetString()!));
            memory.Insert(at.Add(3), Hex(item.GetProperty("q_y").GetString()!));
            Assert.True(memory.TryAutoDeduce(at.Add(5), out _), $"ec_op instance {i}: P + m·Q must be computable (points on the curve)");
        }

        var poseidon = expected.GetProperty("poseidon")[0];
        foreach (var (j, key) in new[] { "input_s0", "input_s1", "input_s2" }.Index())
        {
            memory.Insert(R("poseidon").Base.Add(j), Hex(poseidon.GetProperty(key).GetString()!));
        }

        var ours = AirPrivateInput.Create(runners, memory, memory.ComputeRelocationTable(), null,
            expected.GetProperty("trace_path").GetString()!, expected.GetProperty("memory_path").GetString()!);
        Assert.Equal(expectedText, ours.ToJson());
    }

    [Fact]
    public void Keys_follow_cell_order_for_cells_written_before_the_order_was_recorded()
    {
        var memory = new VmMemory();
        var ecOp = BuiltinRunner.Create("ec_op")!;
        ecOp.InitializeSegments(memory);
        // No RecordInputWriteOrder: nothing recorded, so p_x, p_y, q_x, q_y, m (the cells' order).
        for (int i = 0; i < 5; i++) memory.Insert(ecOp.Base.Add(4 - i), Felt.FromUInt64((ulong)i + 1));
        var json = AirPrivateInput.Create([ecOp], memory, memory.ComputeRelocationTable(), null, "/t", "/m").ToJson();
        var item = JsonDocument.Parse(json).RootElement.GetProperty("ec_op")[0];
        Assert.Equal(["index", "p_x", "p_y", "q_x", "q_y", "m"], item.EnumerateObject().Select(p => p.Name));
    }
}
