using System.Numerics;
using System.Text.Json;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

public class AirPrivateInputTests
{
    private static Felt F(ulong v) => Felt.FromUInt64(v);

    private static string H(ulong v) => "0x" + v.ToString("x");

    [Fact]
    public void Every_builtin_lists_its_instances_as_the_reference_writers_do()
    {
        var memory = new VmMemory();
        memory.AddSegment();
        var runners = BuiltinRunner.CanonicalOrder.Select(n => BuiltinRunner.Create(n)!).ToList();
        foreach (var r in runners) r.InitializeSegments(memory);
        var zero = memory.AddSegment();
        for (int i = 0; i < 4; i++) memory.Insert(zero.Add(i), Felt.Zero);
        BuiltinRunner R(string name) => runners.Single(r => r.Name == name);

        memory.Insert(R("output").Base, F(99));
        // pedersen: instance 0 complete (x, y), instance 1 has only x → left out.
        memory.Insert(R("pedersen").Base, F(1));
        memory.Insert(R("pedersen").Base.Add(1), F(2));
        memory.Insert(R("pedersen").Base.Add(3), F(4));
        // range_check: cells 0 and 2 (a hole at 1); range_check96: cell 0.
        memory.Insert(R("range_check").Base, F(5));
        memory.Insert(R("range_check").Base.Add(2), F(0x1234));
        memory.Insert(R("range_check96").Base, F(6));
        // ecdsa: instance 1 with a registered signature.
        var ecdsa = (EcdsaBuiltinRunner)R("ecdsa");
        memory.Insert(ecdsa.Base.Add(2), F(0xabc));
        memory.Insert(ecdsa.Base.Add(3), F(0xdef));
        ecdsa.AddSignature(ecdsa.Base.Add(2), F(17), F(3));
        // bitwise instance 1 (instance 0 empty).
        memory.Insert(R("bitwise").Base.Add(5), F(12));
        memory.Insert(R("bitwise").Base.Add(6), F(10));
        // ec_op instance 0: p_x, p_y, q_x, q_y, m.
        for (int i = 0; i < 5; i++) memory.Insert(R("ec_op").Base.Add(i), F((ulong)(100 + i)));
        for (int i = 0; i < 8; i++) memory.Insert(R("keccak").Base.Add(i), F((ulong)(200 + i)));
        for (int i = 0; i < 3; i++) memory.Insert(R("poseidon").Base.Add(i), F((ulong)(300 + i)));
        // add_mod: one operation 1 + 2 = 3 (mod 7) filled by fill_memory; mul_mod unused.
        var values = memory.AddSegment();
        var offsets = memory.AddSegment();
        var add = R("add_mod");
        ModBuiltinTests.WriteValue(memory, values, 1);
        ModBuiltinTests.WriteValue(memory, values.Add(4), 2);
        for (int i = 0; i < 3; i++) memory.Insert(offsets.Add(i), F((ulong)(4 * i)));
        ModBuiltinTests.WriteValue(memory, add.Base, 7);
        memory.Insert(add.Base.Add(4), values);
        memory.Insert(add.Base.Add(5), offsets);
        memory.Insert(add.Base.Add(6), Felt.One);
        ModBuiltinRunner.FillMemory(memory, add.Base, 1, R("mul_mod").Base, 0);

        var table = memory.ComputeRelocationTable();
        var json = AirPrivateInput.Create(runners, memory, table, zero, "/abs/trace.bin", "/abs/memory.bin").ToJson();
        var root = JsonDocument.Parse(json).RootElement;

        Assert.Equal(["trace_path", "memory_path", "pedersen", "range_check", "ecdsa", "bitwise", "ec_op", "keccak", "poseidon", "range_check96", "add_mod", "mul_mod"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/abs/trace.bin", root.GetProperty("trace_path").GetString());
        Assert.Equal("/abs/memory.bin", root.GetProperty("memory_path").GetString());

        var ped = Assert.Single(root.GetProperty("pedersen").EnumerateArray());
        Assert.Equal(0, ped.GetProperty("index").GetInt32());
        Assert.Equal("0x1", ped.GetProperty("x").GetString());
        Assert.Equal("0x2", ped.GetProperty("y").GetString());

        var rc = root.GetProperty("range_check").EnumerateArray().ToList();
        Assert.Equal([0, 2], rc.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal(["0x5", "0x1234"], rc.Select(e => e.GetProperty("value").GetString()));
        Assert.Equal("0x6", Assert.Single(root.GetProperty("range_check96").EnumerateArray()).GetProperty("value").GetString());

        var sig = Assert.Single(root.GetProperty("ecdsa").EnumerateArray());
        Assert.Equal(1, sig.GetProperty("index").GetInt32());
        Assert.Equal("0xabc", sig.GetProperty("pubkey").GetString());
        Assert.Equal("0xdef", sig.GetProperty("msg").GetString());
        Assert.Equal("0x11", sig.GetProperty("signature_input").GetProperty("r").GetString());
        var n = StarkCurve.Order.ToBigInteger();
        var w = BigInteger.Parse("0" + sig.GetProperty("signature_input").GetProperty("w").GetString()![2..], System.Globalization.NumberStyles.HexNumber);
        Assert.Equal(BigInteger.One, w * 3 % n);

        var bw = Assert.Single(root.GetProperty("bitwise").EnumerateArray());
        Assert.Equal(1, bw.GetProperty("index").GetInt32());
        Assert.Equal("0xc", bw.GetProperty("x").GetString());
        Assert.Equal("0xa", bw.GetProperty("y").GetString());

        var ec = Assert.Single(root.GetProperty("ec_op").EnumerateArray());
        Assert.Equal([H(100), H(101), H(102), H(103), H(104)], new[] { "p_x", "p_y", "q_x", "q_y", "m" }.Select(k => ec.GetProperty(k).GetString()));
        var kc = Assert.Single(root.GetProperty("keccak").EnumerateArray());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => H((ulong)(200 + i))), Enumerable.Range(0, 8).Select(i => kc.GetProperty($"input_s{i}").GetString()));
        var ps = Assert.Single(root.GetProperty("poseidon").EnumerateArray());
        Assert.Equal([H(300), H(301), H(302)], new[] { "input_s0", "input_s1", "input_s2" }.Select(k => ps.GetProperty(k).GetString()));

        var addJson = root.GetProperty("add_mod");
        Assert.Equal((long)table.Relocate(zero), addJson.GetProperty("zero_value_address").GetInt64());
        var inst = Assert.Single(addJson.GetProperty("instances").EnumerateArray());
        Assert.Equal("0x7", inst.GetProperty("p0").GetString());
        Assert.Equal("0x0", inst.GetProperty("p3").GetString());
        Assert.Equal((long)table.Relocate(values), inst.GetProperty("values_ptr").GetInt64());
        Assert.Equal((long)table.Relocate(offsets), inst.GetProperty("offsets_ptr").GetInt64());
        Assert.Equal(1, inst.GetProperty("n").GetInt32());
        var op = Assert.Single(inst.GetProperty("batch").EnumerateArray());
        Assert.Equal([0, 4, 8], new[] { "a_offset", "b_offset", "c_offset" }.Select(k => op.GetProperty(k).GetInt32()));
        Assert.Equal(["0x1", "0x2", "0x3"], new[] { "a0", "b0", "c0" }.Select(k => op.GetProperty(k).GetString()));
        Assert.Empty(root.GetProperty("mul_mod").GetProperty("instances").EnumerateArray());
        Assert.Equal((long)table.Relocate(zero), root.GetProperty("mul_mod").GetProperty("zero_value_address").GetInt64());
    }

    [Fact]
    public void Proof_mode_run_lists_every_layout_builtin_and_the_range_check_values()
    {
        // main(range_check): [rc] = 42; return rc + 1.
        var a = new Asm().ApAdd(1).CallRel(6).JmpRel(4)
            .AssertImm(Instructions.Register.Ap, 0, 42, apPlusPlus: true)
            .AssertDeref(Instructions.Register.Ap, -1, Instructions.Register.Fp, -3)
            .AssertOpImm(Instructions.ResLogic.Add, Instructions.Register.Ap, 0, Instructions.Register.Fp, -3, 1, apPlusPlus: true)
            .Ret();
        var program = new CairoProgram(a.Words.ToArray(), ["range_check"], identifiers: new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.__start__"] = new("__main__.__start__", "label", 0, null, null),
            ["__main__.__end__"] = new("__main__.__end__", "label", 4, null, null),
            ["__main__.main"] = new("__main__.main", "function", 6, null, null),
        });
        var r = new CairoRunner(program, new CairoRunOptions { ProofMode = true, Layout = Layout.Get("small") });
        r.RunMain();
        using var ms = new MemoryStream();
        r.WriteAirPrivateInput(ms, "/x/trace.bin", "/x/memory.bin");
        var root = JsonDocument.Parse(ms.ToArray()).RootElement;
        Assert.Equal(["trace_path", "memory_path", "pedersen", "range_check", "ecdsa"], root.EnumerateObject().Select(p => p.Name));
        Assert.Empty(root.GetProperty("pedersen").EnumerateArray());
        Assert.Empty(root.GetProperty("ecdsa").EnumerateArray());
        var rc = Assert.Single(root.GetProperty("range_check").EnumerateArray());
        Assert.Equal(0, rc.GetProperty("index").GetInt32());
        Assert.Equal("0x2a", rc.GetProperty("value").GetString());
    }
}
