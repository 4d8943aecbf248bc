using System.Text.Json;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Output;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class ProofModeTests
{
    /// <summary>
    /// <c>__start__: ap += n; call main; __end__: jmp rel 0;</c> followed by <paramref name="main"/>'s
    /// words, as <c>cairo-compile --proof_mode</c> lays it out (main at pc 6).
    /// </summary>
    private static CairoProgram ProofProgram(int nBuiltins, Action<Asm> main, params string[] builtins)
    {
        var a = new Asm().ApAdd((ulong)nBuiltins).CallRel(6).JmpRel(4);
        main(a);
        return new CairoProgram(a.Words.ToArray(), builtins, identifiers: new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.__start__"] = new("__main__.__start__", "label", 0, null, null),
            ["__main__.__end__"] = new("__main__.__end__", "label", 4, null, null),
            ["__main__.main"] = new("__main__.main", "function", 6, null, null),
        });
    }

    private static JsonElement PublicInput(CairoRunner r) => JsonDocument.Parse(r.GetAirPublicInput().ToJson()).RootElement;

    [Fact]
    public void Plain_program_is_padded_to_a_power_of_two_and_its_public_input_matches_a_hand_computation()
    {
        var program = ProofProgram(0, a => a.AssertImm(Ap, 0, 7, apPlusPlus: true).Ret());
        var r = new CairoRunner(program, new CairoRunOptions { ProofMode = true });
        r.RunMain();
        Assert.Equal(5, r.OriginalSteps);          // ap += 0, call, [ap] = 7, ret, jmp rel 0
        Assert.Equal(8, r.Vm.Trace.Count);          // padded to 8 with jmp rel 0
        Assert.All(Enumerable.Range(4, 4), i => Assert.Equal(new Relocatable(0, 4), r.Vm.Trace[i].Pc));

        var j = PublicInput(r);
        Assert.Equal(["layout", "rc_min", "rc_max", "n_steps", "memory_segments", "public_memory", "dynamic_params"],
            j.EnumerateObject().Select(p => p.Name));
        Assert.Equal("plain", j.GetProperty("layout").GetString());
        Assert.Equal(32766, j.GetProperty("rc_min").GetInt32()); // ret: fp − 2
        Assert.Equal(32769, j.GetProperty("rc_max").GetInt32()); // +1
        Assert.Equal(8, j.GetProperty("n_steps").GetInt32());
        var segs = j.GetProperty("memory_segments");
        Assert.Equal(["program", "execution"], segs.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 5), Seg(segs, "program"));      // pc 0:0 → 1, __end__ 0:4 → 5
        Assert.Equal((12, 15), Seg(segs, "execution"));  // program is 9 words: exec base 10; ap 1:2 → 12, final ap 1:5 → 15
        var pm = j.GetProperty("public_memory").EnumerateArray().ToList();
        Assert.Equal(11, pm.Count);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(i + 1, pm[i].GetProperty("address").GetInt32());
            Assert.Equal(program.Data[i].ToHexString(), pm[i].GetProperty("value").GetString());
            Assert.Equal(0, pm[i].GetProperty("page").GetInt32());
        }
        Assert.Equal((10, "0xc"), (pm[9].GetProperty("address").GetInt32(), pm[9].GetProperty("value").GetString()));
        Assert.Equal((11, "0x0"), (pm[10].GetProperty("address").GetInt32(), pm[10].GetProperty("value").GetString()));
        Assert.Equal(JsonValueKind.Null, j.GetProperty("dynamic_params").ValueKind);
    }

    [Fact]
    public void Small_layout_run_allocates_every_layout_builtin_and_pads_until_range_checks_fit()
    {
        // main{output_ptr, range_check_ptr}: [output_ptr] = 42; [range_check_ptr] = 100; return (output_ptr + 1, range_check_ptr + 1)
        var program = ProofProgram(2, a => a
            .AssertImm(Ap, 0, 42, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -4, 0)
            .AssertImm(Ap, 0, 100, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -3, 0)
            .AssertOpImm(ResLogic.Add, Ap, 0, Fp, -4, 1, apPlusPlus: true)
            .AssertOpImm(ResLogic.Add, Ap, 0, Fp, -3, 1, apPlusPlus: true)
            .Ret(), "output", "range_check");
        Assert.Equal(17, program.Data.Count);
        var r = new CairoRunner(program, new CairoRunOptions { ProofMode = true, Layout = Layout.Get("small") });
        r.RunMain();
        Assert.Equal(["output", "pedersen", "range_check", "ecdsa"], r.Builtins.Select(b => b.Name));
        Assert.Equal([true, false, true, false], r.Builtins.Select(b => b.Included));
        Assert.Equal(10, r.OriginalSteps);
        // rc_min = 0 (limbs of 100) so 13·steps − 8 ≥ 32769 needs 4096 steps (ecdsa alone would need 512).
        var j = PublicInput(r);
        Assert.Equal(4096, j.GetProperty("n_steps").GetInt32());
        Assert.Equal(0, j.GetProperty("rc_min").GetInt32());
        Assert.Equal(32769, j.GetProperty("rc_max").GetInt32());

        // sizes: program 17, execution 10, output 1, pedersen 512·3, range_check 512, ecdsa 8·2
        Assert.Equal([1UL, 18, 28, 29, 1565, 2077, 2093], r.GetRelocationTable().Bases.Append(r.GetRelocationTable().End));
        var segs = j.GetProperty("memory_segments");
        Assert.Equal(["program", "execution", "output", "pedersen", "range_check", "ecdsa"], segs.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 5), Seg(segs, "program"));
        Assert.Equal((20, 28), Seg(segs, "execution"));
        Assert.Equal((28, 29), Seg(segs, "output"));
        Assert.Equal((29, 29), Seg(segs, "pedersen"));
        Assert.Equal((1565, 1566), Seg(segs, "range_check"));
        Assert.Equal((2077, 2077), Seg(segs, "ecdsa"));

        var pm = j.GetProperty("public_memory").EnumerateArray()
            .Select(e => (e.GetProperty("address").GetInt32(), e.GetProperty("value").GetString())).ToList();
        Assert.Equal(17 + 6 + 1, pm.Count);
        Assert.Equal([(18, "0x14"), (19, "0x0"), (20, "0x1c"), (21, "0x61d"), (26, "0x1d"), (27, "0x61e"), (28, "0x2a")], pm.Skip(17));
    }

    [Fact]
    public void Keccak_layouts_need_at_least_32768_steps()
    {
        var program = ProofProgram(0, a => a.Ret());
        var r = new CairoRunner(program, new CairoRunOptions { ProofMode = true, Layout = Layout.Get("starknet_with_keccak") });
        r.RunMain();
        Assert.Equal(32768, r.Vm.Trace.Count);
    }

    [Fact]
    public void All_cairo_allocates_the_segment_sizes_of_the_spec_worked_example()
    {
        var r = new CairoRunner(ProofProgram(0, a => a.Ret()), new CairoRunOptions { ProofMode = true, Layout = Layout.Get("all_cairo") });
        r.RunMain();
        Assert.Equal(32768, r.Vm.Trace.Count);
        var table = r.GetRelocationTable();
        var sizes = r.Builtins.Select(b => (b.Name, table.Sizes[b.Base.Segment])).ToList();
        Assert.Equal([("output", 0UL), ("pedersen", 384), ("range_check", 4096), ("ecdsa", 32), ("bitwise", 10240), ("ec_op", 224),
            ("keccak", 256), ("poseidon", 768), ("range_check96", 4096), ("add_mod", 1792), ("mul_mod", 896)], sizes);
        Assert.Equal(4UL, table.Sizes[r.ZeroSegment!.Value.Segment]);
        Assert.Equal(r.Builtins[^1].Base.Segment + 1, r.ZeroSegment!.Value.Segment);
        Assert.Equal(13, PublicInput(r).GetProperty("memory_segments").EnumerateObject().Count());
    }

    [Fact]
    public void Proof_mode_is_deterministic()
    {
        string Run()
        {
            var r = new CairoRunner(ProofProgram(0, a => a.AssertImm(Ap, 0, 7, apPlusPlus: true).Ret()),
                new CairoRunOptions { ProofMode = true, Layout = Layout.Get("recursive") });
            r.RunMain();
            using var t = new MemoryStream();
            r.WriteTrace(t);
            r.WriteMemory(t);
            return Convert.ToHexString(t.ToArray()) + r.GetAirPublicInput().ToJson();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Public_input_is_written_with_four_space_indentation()
    {
        var r = new CairoRunner(ProofProgram(0, a => a.Ret()), new CairoRunOptions { ProofMode = true });
        r.RunMain();
        var text = r.GetAirPublicInput().ToJson();
        Assert.StartsWith("{\n    \"layout\": \"plain\",\n    \"rc_min\": ", text.ReplaceLineEndings("\n"));
        Assert.EndsWith("\"dynamic_params\": null\n}\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Missing_builtins_get_a_zero_pointer_in_proof_mode_and_are_an_error_in_execution_mode()
    {
        // main{bitwise_ptr} returns its pointer unchanged; plain has no bitwise builtin.
        var program = ProofProgram(1, a => a.AssertCopy(Ap, 0, Fp, -3, apPlusPlus: true).Ret(), "bitwise");
        var r = new CairoRunner(program, new CairoRunOptions { ProofMode = true });
        r.RunMain();
        Assert.Equal(new MaybeRelocatable(Felt.Zero), r.Memory.Get(r.ExecutionBase.Add(2)));

        var e = Assert.Throws<VmException>(() => new CairoRunner(program, new CairoRunOptions { Layout = Layout.Plain }));
        Assert.Contains("Builtins {'bitwise'} are not present in layout \"plain\"", e.Message);
    }

    [Fact]
    public void Execution_mode_with_a_layout_creates_only_the_program_builtins()
    {
        var a = new Asm().AssertCopy(Ap, 0, Fp, -3, apPlusPlus: true).Ret();
        var r = new CairoRunner(a.Build(0, "range_check"), new CairoRunOptions { Layout = Layout.Get("all_cairo") });
        r.RunMain();
        Assert.Equal(["range_check"], r.Builtins.Select(b => b.Name));
    }

    [Fact]
    public void Layouts_carry_the_spec_ratios()
    {
        foreach (var name in Layout.Names) Assert.Equal(name, Layout.Get(name).Name);
        var sk = Layout.Get("starknet");
        Assert.Equal([("output", 0), ("pedersen", 32), ("range_check", 16), ("ecdsa", 2048), ("bitwise", 64), ("ec_op", 1024), ("poseidon", 32)],
            sk.Builtins.Select(b => (b.Name, b.Ratio)));
        Assert.Equal(4, sk.PublicMemoryFraction);
        Assert.Equal(8, Layout.Get("starknet", LayoutVariant.LambdaclassCairoVm).PublicMemoryFraction);
        Assert.Equal(8, Layout.Get("all_cairo").RcUnits);
        Assert.Equal(4, Layout.Get("all_cairo", LayoutVariant.LambdaclassCairoVm).RcUnits);
        Assert.Equal(11, Layout.Get("all_cairo").Builtins.Count);
        Assert.Equal(1, Layout.Get("starknet").Diluted!.LogUnitsPerStep);
        Assert.Null(Layout.Get("small").Diluted);
        Assert.Throws<ArgumentException>(() => Layout.Get("nope"));

        var d = Layout.Dynamic(DynamicLayoutParams.Parse("""
            {"rc_units": 4, "cpu_component_step": 8, "memory_units_per_step": 8, "log_diluted_units_per_step": -2,
             "uses_pedersen_builtin": true, "pedersen_ratio": 256, "uses_range_check96_builtin": 1, "range_check96_ratio": 8,
             "range_check96_ratio_den": 2, "uses_bitwise_builtin": 0, "bitwise_ratio": 0}
            """));
        Assert.Equal(11, d.Builtins.Count);
        Assert.Equal(256, d.Find("pedersen")!.Ratio);
        Assert.Equal((8, 2), (d.Find("range_check96")!.Ratio, d.Find("range_check96")!.RatioDen));
        Assert.Equal(0, d.Find("bitwise")!.Ratio);
        Assert.Equal(-2, d.Diluted!.LogUnitsPerStep);
    }

    /// <summary>cairo-vm.md §5, row by row (cairo-lang values; "-" = absent, diluted as log2 units per step).</summary>
    [Theory]
    [InlineData("plain", "", 16, 4, null)]
    [InlineData("small", "output pedersen=8 range_check=8 ecdsa=512", 16, 4, null)]
    [InlineData("dex", "output pedersen=8 range_check=8 ecdsa=512", 4, 4, null)]
    [InlineData("recursive", "output pedersen=128 range_check=8 bitwise=8", 4, 8, 4)]
    [InlineData("starknet", "output pedersen=32 range_check=16 ecdsa=2048 bitwise=64 ec_op=1024 poseidon=32", 4, 4, 1)]
    [InlineData("starknet_with_keccak", "output pedersen=32 range_check=16 ecdsa=2048 bitwise=64 ec_op=1024 keccak=2048 poseidon=32", 4, 4, 4)]
    [InlineData("recursive_large_output", "output pedersen=128 range_check=8 bitwise=8 poseidon=8", 4, 8, 4)]
    [InlineData("recursive_with_poseidon", "output pedersen=256 range_check=16 bitwise=16 poseidon=64", 4, 8, 3)]
    [InlineData("all_solidity", "output pedersen=8 range_check=8 ecdsa=512 bitwise=256 ec_op=256", 8, 8, 4)]
    [InlineData("all_cairo", "output pedersen=256 range_check=8 ecdsa=2048 bitwise=16 ec_op=1024 keccak=2048 poseidon=256 range_check96=8 add_mod=128 mul_mod=256", 8, 8, 4)]
    [InlineData("all_cairo_stwo", "output pedersen=256 range_check=8 bitwise=16 ec_op=1024 poseidon=256 range_check96=8 add_mod=128 mul_mod=256", 4, 8, 4)]
    [InlineData("stwo_no_ecop", "output pedersen=256 range_check=8 bitwise=16 poseidon=256 range_check96=8 add_mod=128 mul_mod=256", 4, 8, 4)]
    [InlineData("perpetual", "output pedersen=32 range_check=16 ecdsa=2048", 4, 4, null)]
    [InlineData("dex_with_bitwise", "output pedersen=8 range_check=8 ecdsa=512 bitwise=64", 4, 4, 1)]
    public void Every_fixed_layout_matches_the_spec_table(string name, string builtins, int rcUnits, int pmf, int? logDiluted)
    {
        var layout = Layout.Get(name);
        var expected = builtins.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(b => b.Split('=') is [var n, var r] ? (n, int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)) : (b, 0));
        Assert.Equal(expected, layout.Builtins.Select(b => (b.Name, b.Ratio)));
        Assert.All(layout.Builtins, b => Assert.Equal(1, b.RatioDen));
        Assert.Equal(rcUnits, layout.RcUnits);
        Assert.Equal(pmf, layout.PublicMemoryFraction);
        Assert.Equal(logDiluted, layout.Diluted?.LogUnitsPerStep);
        Assert.Equal(8, layout.MemoryUnitsPerStep);
        // Canonical order (§3.2): every layout lists its builtins as a subsequence of it.
        var order = layout.Builtins.Select(b => BuiltinRunner.CanonicalOrder.ToList().IndexOf(b.Name)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Dynamic_layout_carries_mod_builtin_ratios_with_denominators()
    {
        var d = Layout.Dynamic(DynamicLayoutParams.Parse("""
            {"rc_units": 4, "log_diluted_units_per_step": 4, "uses_add_mod_builtin": 1, "add_mod_ratio": 128, "add_mod_ratio_den": 1,
             "uses_mul_mod_builtin": true, "mul_mod_ratio": 256, "mul_mod_ratio_den": 2}
            """));
        Assert.Equal((128, 1), (d.Find("add_mod")!.Ratio, d.Find("add_mod")!.RatioDen));
        Assert.Equal((256, 2), (d.Find("mul_mod")!.Ratio, d.Find("mul_mod")!.RatioDen));
        Assert.Equal(0, d.Find("keccak")!.Ratio);
    }

    private static (int, int) Seg(JsonElement segs, string name)
    {
        var s = segs.GetProperty(name);
        return (s.GetProperty("begin_addr").GetInt32(), s.GetProperty("stop_ptr").GetInt32());
    }
}
