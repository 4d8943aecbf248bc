using System.Buffers.Binary;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class RunnerTests
{
    // func main() { [ap] = 7, ap++; ret; } as cairo-compile writes it (canonical words, cairo-vm.md §2.2).
    private const string TinyProgramJson = """
    {
      "attributes": [],
      "builtins": [],
      "compiler_version": "0.13.1",
      "data": ["0x480680017fff8000", "0x7", "0x208b7fff7fff7ffe"],
      "debug_info": null,
      "hints": {},
      "identifiers": {
        "__main__.main": {"decorators": [], "pc": 0, "type": "function"},
        "__main__.entry": {"destination": "__main__.main", "type": "alias"},
        "__main__.SEVEN": {"type": "const", "value": -7}
      },
      "main_scope": "__main__",
      "prime": "0x800000000000011000000000000000000000000000000000000000000000001",
      "reference_manager": {"references": []}
    }
    """;

    [Fact]
    public void Loads_program_json_and_resolves_identifiers()
    {
        var p = CairoProgram.Parse(TinyProgramJson);
        Assert.Equal(3, p.Data.Count);
        Assert.Equal(Felt.FromUInt64(0x480680017fff8000), p.Data[0]);
        Assert.Equal(0, p.MainPc);
        Assert.Equal(0, p.GetLabelPc("__main__.entry"));
        Assert.Null(p.StartPc);
        Assert.Equal(-Felt.FromUInt64(7), p.Identifiers["__main__.SEVEN"].Value);
    }

    [Fact]
    public void Trace_and_memory_files_match_values_computed_by_hand()
    {
        var runner = new CairoRunner(CairoProgram.Parse(TinyProgramJson), new CairoRunOptions { RecordTrace = true });
        runner.RunMain();
        // Segments: program (3 words) base 1, execution (return_fp, end, 7) base 4, return_fp and end (empty) base 7.
        var table = runner.GetRelocationTable();
        Assert.Equal([1UL, 4UL, 7UL, 7UL], table.Bases);

        using var traceStream = new MemoryStream();
        runner.WriteTrace(traceStream);
        ulong[] expectedTrace = [6, 6, 1, /* step 2 */ 7, 6, 3]; // (ap, fp, pc) per step
        var trace = traceStream.ToArray();
        Assert.Equal(expectedTrace.Length * 8, trace.Length);
        for (int i = 0; i < expectedTrace.Length; i++) Assert.Equal(expectedTrace[i], BinaryPrimitives.ReadUInt64LittleEndian(trace.AsSpan(i * 8)));

        using var memStream = new MemoryStream();
        runner.WriteMemory(memStream);
        var expected = new (ulong, ulong)[] { (1, 0x480680017fff8000), (2, 7), (3, 0x208b7fff7fff7ffe), (4, 7), (5, 7), (6, 7) };
        var mem = memStream.ToArray();
        Assert.Equal(expected.Length * 40, mem.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            var rec = mem.AsSpan(i * 40, 40);
            Assert.Equal(expected[i].Item1, BinaryPrimitives.ReadUInt64LittleEndian(rec));
            Assert.Equal(expected[i].Item2, BinaryPrimitives.ReadUInt64LittleEndian(rec[8..]));
            Assert.True(rec[16..].IndexOfAnyExcept((byte)0) < 0);
        }
    }

    [Fact]
    public void Big_values_are_written_as_32_byte_little_endian_felts()
    {
        var a = new Asm().AssertImm(Ap, 0, Felt.MaxValue, apPlusPlus: true).Ret();
        var r = new CairoRunner(a.Build());
        r.RunMain();
        var bytes = MemoryFile.ToBytes(r.Memory, r.GetRelocationTable());
        // record 1 = address 2 (the immediate): P − 1 = 0x0800000000000011000…000
        var value = bytes.AsSpan(40 + 8, 32).ToArray();
        var expected = new byte[32];
        expected[0] = 0x00;
        expected[24] = 0x11;
        expected[31] = 0x08;
        Assert.Equal(expected, value);
        Assert.Equal(2UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(40)));
    }

    [Fact]
    public void Trace_of_the_fibonacci_loop_is_consistent()
    {
        var r = new CairoRunner(Programs.FibonacciLoop(5).Build(), new CairoRunOptions { RecordTrace = true });
        r.RunMain();
        var t = r.Vm.Trace;
        Assert.Equal(3 + 4 * 5 + 1, t.Count);
        var table = r.GetRelocationTable();
        var bytes = TraceFile.ToBytes(t, table);
        for (int i = 0; i < t.Count; i++)
        {
            Assert.Equal(table.Relocate(t[i].Ap), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 24)));
            Assert.Equal(table.Relocate(t[i].Fp), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 24 + 8)));
            Assert.Equal(table.Relocate(t[i].Pc), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 24 + 16)));
        }
        // every step but the last adds one cell on the stack (jnz and ret do not)
        Assert.Equal(table.Bases[0], BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(t[0].Ap.Add(3 + 3 * 5), r.Vm.Ap);
    }

    [Fact]
    public void Output_builtin_collects_the_program_output()
    {
        // main{output_ptr}: [[fp - 3]] = 42 ; [[fp - 3] + 1] = 43 ; return output_ptr + 2
        var a = new Asm()
            .AssertImm(Ap, 0, 42, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -3, 0)
            .AssertImm(Ap, 0, 43, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -3, 1)
            .AssertOpImm(Instructions.ResLogic.Add, Ap, 0, Fp, -3, 2, apPlusPlus: true)
            .Ret();
        var r = new CairoRunner(a.Build(0, "output"));
        r.RunMain();
        Assert.Equal([new MaybeRelocatable(Felt.FromUInt64(42)), new MaybeRelocatable(Felt.FromUInt64(43))], r.GetOutput());
        Assert.Equal(2, r.Builtins[0].Base.Segment);
        // program 9 words, execution 3 + 3 cells, output 2 cells, then the empty return-fp and end segments
        Assert.Equal([1UL, 10UL, 16UL, 18UL, 18UL], r.GetRelocationTable().Bases);
    }

    [Fact]
    public void Wrong_stop_pointer_is_rejected()
    {
        var a = new Asm()
            .AssertImm(Ap, 0, 42, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -3, 0)
            .AssertOpImm(Instructions.ResLogic.Add, Ap, 0, Fp, -3, 0, apPlusPlus: true) // returns output_ptr + 0
            .Ret();
        var e = Assert.Throws<VmException>(() => new CairoRunner(a.Build(0, "output")).RunMain());
        Assert.Contains("Invalid stop pointer for output. Expected: 2:1, found: 2:0", e.Message);
    }

    [Fact]
    public void Range_check_builtin_validates_values()
    {
        static Asm Prog(Felt v) => new Asm()
            .AssertImm(Ap, 0, v, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -3, 0)
            .AssertOpImm(Instructions.ResLogic.Add, Ap, 0, Fp, -3, 1, apPlusPlus: true)
            .Ret();

        var ok = new CairoRunner(Prog(Felt.FromUInt128(UInt128.MaxValue)).Build(0, "range_check"));
        ok.RunMain();
        Assert.Equal(1, ok.Builtins[0].GetUsedInstances(ok.Memory));

        var bad = new CairoRunner(Prog(Felt.Parse("0x100000000000000000000000000000000")).Build(0, "range_check"));
        var e = Assert.Throws<VmException>(() => bad.RunMain());
        Assert.Contains("is out of range [0, 2^128)", e.Message);
        Assert.Equal(new Relocatable(0, 2), e.Pc);

        var negative = new CairoRunner(Prog(Felt.MaxValue).Build(0, "range_check"));
        Assert.Throws<VmException>(() => negative.RunMain());
    }

    [Fact]
    public void Builtins_must_be_known_supported_and_ordered()
    {
        var a = new Asm().Ret();
        Assert.Contains("unknown builtin 'foo'", Assert.Throws<VmException>(() => new CairoRunner(a.Build(0, "foo"))).Message);
        Assert.Contains("subsequence", Assert.Throws<VmException>(() => new CairoRunner(a.Build(0, "range_check", "output"))).Message);
        Assert.Equal(["output", "add_mod"], new CairoRunner(a.Build(0, "output", "add_mod")).Builtins.Select(b => b.Name));
    }

    [Fact]
    public void A_hint_is_parsed_and_an_unknown_one_fails_naming_its_code()
    {
        string json = TinyProgramJson.Replace("\"hints\": {}", """
            "hints": {"2": [{"accessible_scopes": ["__main__", "__main__.main"], "code": "memory[ap] = segments.add()",
              "flow_tracking_data": {"ap_tracking": {"group": 0, "offset": 1}, "reference_ids": {"__main__.main.x": 0}}}]}
            """);
        var p = CairoProgram.Parse(json);
        var hint = Assert.Single(p.Hints[2]);
        Assert.Equal("memory[ap] = segments.add()", hint.Code);
        Assert.Equal(new ApTracking(0, 1), hint.ApTracking);
        Assert.Equal(0, hint.ReferenceIds["__main__.main.x"]);
        Assert.Equal(["__main__", "__main__.main"], hint.AccessibleScopes);

        var runner = new CairoRunner(p);
        runner.RunMain();
        Assert.True(runner.Memory.Get(runner.Vm.Ap).IsRelocatable); // the hint wrote a new segment at [ap] before the ret

        var unknown = CairoProgram.Parse(json.Replace("memory[ap] = segments.add()", "memory[ap] = 42  # custom"));
        var e = Assert.Throws<VmException>(() => new CairoRunner(unknown).RunMain());
        Assert.Contains("Unknown hint at pc 2: memory[ap] = 42  # custom", e.Message);
        Assert.Equal(new Relocatable(0, 2), e.Pc);
    }

    [Theory]
    [InlineData("{", "malformed program JSON")]
    [InlineData("[]", "must be an object")]
    [InlineData("""{"prime": "0x11", "data": []}""", "Unexpected prime")]
    [InlineData("""{"data": ["0xzz"]}""", "data[0]")]
    [InlineData("""{"builtins": []}""", "missing array 'data'")]
    [InlineData("""{"data": ["0x1"], "hints": {"5": []}}""", "hint pc '5'")]
    public void Bad_program_json_gives_a_clear_error(string json, string message)
    {
        var e = Assert.Throws<ProgramLoadException>(() => CairoProgram.Parse(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Missing_main_is_a_clear_error()
    {
        var p = CairoProgram.Parse("""{"data": ["0x208b7fff7fff7ffe"]}""");
        Assert.Contains("no function '__main__.main'", Assert.Throws<VmException>(() => new CairoRunner(p).RunMain()).Message);
    }

    [Fact]
    public void Runs_are_deterministic()
    {
        byte[] Once()
        {
            var r = new CairoRunner(Programs.Factorial(20).Build(Programs.FactorialMain), new CairoRunOptions { RecordTrace = true });
            r.RunMain();
            using var ms = new MemoryStream();
            r.WriteTrace(ms);
            r.WriteMemory(ms);
            return ms.ToArray();
        }
        Assert.Equal(Once(), Once());
    }
}
