using System.Numerics;
using System.Text.Json;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class ModBuiltinTests
{
    private static readonly BigInteger Word = BigInteger.One << 96;

    private static readonly BigInteger StarkPrime = Felt.Modulus;

    /// <summary>secp256k1's field prime.</summary>
    private static readonly BigInteger Secp = BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007908834671663");

    /// <summary>BLS12-381's base-field prime (381 bits: uses all four words).</summary>
    private static readonly BigInteger Bls = BigInteger.Parse("4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559787");

    /// <summary>Memory with the two mod builtin segments, a values table and an offsets table per builtin.</summary>
    private sealed class Fixture
    {
        public VmMemory Memory { get; } = new();

        public ModBuiltinRunner Add { get; } = new("add_mod");

        public ModBuiltinRunner Mul { get; } = new("mul_mod");

        public Relocatable AddValues { get; }

        public Relocatable AddOffsets { get; }

        public Relocatable MulValues { get; }

        public Relocatable MulOffsets { get; }

        public Fixture()
        {
            Memory.AddSegment();
            Add.InitializeSegments(Memory);
            Mul.InitializeSegments(Memory);
            AddValues = Memory.AddSegment();
            AddOffsets = Memory.AddSegment();
            MulValues = Memory.AddSegment();
            MulOffsets = Memory.AddSegment();
        }

        /// <summary>Writes the first instance: p, values_ptr, offsets_ptr and (when given) n.</summary>
        public void FirstInstance(ModBuiltinRunner b, BigInteger p, Relocatable values, Relocatable offsets, int? n)
        {
            WriteValue(Memory, b.Base, p);
            Memory.Insert(b.Base.Add(4), values);
            Memory.Insert(b.Base.Add(5), offsets);
            if (n is { } k) Memory.Insert(b.Base.Add(6), Felt.FromUInt64((ulong)k));
        }

        public void Offsets(Relocatable offsets, int op, int a, int b, int c)
        {
            Memory.Insert(offsets.Add(3 * op), Felt.FromUInt64((ulong)a));
            Memory.Insert(offsets.Add(3 * op + 1), Felt.FromUInt64((ulong)b));
            Memory.Insert(offsets.Add(3 * op + 2), Felt.FromUInt64((ulong)c));
        }
    }

    internal static void WriteValue(VmMemory memory, Relocatable at, BigInteger value)
    {
        for (int i = 0; i < 4; i++)
        {
            memory.Insert(at.Add(i), Felt.FromBigInteger(value % Word));
            value /= Word;
        }
        Assert.True(value.IsZero);
    }

    internal static BigInteger ReadValue(VmMemory memory, Relocatable at)
    {
        BigInteger v = 0;
        for (int i = 3; i >= 0; i--) v = v * Word + memory.GetFelt(at.Add(i)).ToBigInteger();
        return v;
    }

    private static BigInteger RandomBelow(Random rng, BigInteger bound)
    {
        int bytes = bound.GetByteCount(isUnsigned: true) + 1;
        var buf = new byte[bytes];
        rng.NextBytes(buf);
        return new BigInteger(buf, isUnsigned: true) % bound;
    }

    private static BigInteger RandomModulus(Random rng)
    {
        int bits = rng.Next(2, 385);
        var buf = new byte[(bits + 7) / 8 + 1];
        rng.NextBytes(buf);
        var v = new BigInteger(buf, isUnsigned: true) % (BigInteger.One << bits);
        return BigInteger.Max(v | (BigInteger.One << (bits - 1)), 2);
    }

    [Fact]
    public void Fill_memory_computes_results_like_BigInteger_for_random_moduli()
    {
        var rng = new Random(20261124);
        for (int trial = 0; trial < 25; trial++)
        {
            var f = new Fixture();
            var p = trial switch { 0 => StarkPrime, 1 => Secp, 2 => Bls, _ => RandomModulus(rng) };
            int n = rng.Next(1, 6);
            var expectedAdd = new BigInteger[n];
            var expectedMul = new BigInteger[n];
            for (int i = 0; i < n; i++)
            {
                var a = RandomBelow(rng, p);
                var b = RandomBelow(rng, p);
                WriteValue(f.Memory, f.AddValues.Add(12 * i), a);
                WriteValue(f.Memory, f.AddValues.Add(12 * i + 4), b);
                WriteValue(f.Memory, f.MulValues.Add(12 * i), a);
                WriteValue(f.Memory, f.MulValues.Add(12 * i + 4), b);
                f.Offsets(f.AddOffsets, i, 12 * i, 12 * i + 4, 12 * i + 8);
                f.Offsets(f.MulOffsets, i, 12 * i, 12 * i + 4, 12 * i + 8);
                expectedAdd[i] = (a + b) % p;
                expectedMul[i] = a * b % p;
            }
            f.FirstInstance(f.Add, p, f.AddValues, f.AddOffsets, n);
            f.FirstInstance(f.Mul, p, f.MulValues, f.MulOffsets, null);

            ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, n, f.Mul.Base, n);

            for (int i = 0; i < n; i++)
            {
                Assert.Equal(expectedAdd[i], ReadValue(f.Memory, f.AddValues.Add(12 * i + 8)));
                Assert.Equal(expectedMul[i], ReadValue(f.Memory, f.MulValues.Add(12 * i + 8)));
            }
            foreach (var (b, offsets) in new[] { (f.Add, f.AddOffsets), (f.Mul, f.MulOffsets) })
            {
                Assert.Equal(7 * n, b.GetUsedCells(f.Memory));
                for (int k = 0; k < n; k++)
                {
                    Assert.Equal(offsets.Add(3 * k), f.Memory.GetRelocatable(b.Base.Add(7 * k + 5)));
                    Assert.Equal(Felt.FromUInt64((ulong)(n - k)), f.Memory.GetFelt(b.Base.Add(7 * k + 6)));
                }
                b.RunSecurityChecks(f.Memory);
            }
        }
    }

    [Fact]
    public void Fill_memory_deduces_either_operand_of_add_and_mul()
    {
        var rng = new Random(7);
        foreach (var p in new[] { StarkPrime, Secp, Bls })
        {
            for (int trial = 0; trial < 4; trial++)
            {
                var f = new Fixture();
                var a = RandomBelow(rng, p - 1) + 1;
                var b = RandomBelow(rng, p - 1) + 1;
                var sum = (a + b) % p;
                var prod = a * b % p;
                // op 0: a unknown; op 1: b unknown.
                WriteValue(f.Memory, f.AddValues.Add(4), b);
                WriteValue(f.Memory, f.AddValues.Add(8), sum);
                WriteValue(f.Memory, f.AddValues.Add(12), a);
                WriteValue(f.Memory, f.AddValues.Add(20), sum);
                f.Offsets(f.AddOffsets, 0, 0, 4, 8);
                f.Offsets(f.AddOffsets, 1, 12, 16, 20);
                WriteValue(f.Memory, f.MulValues.Add(4), b);
                WriteValue(f.Memory, f.MulValues.Add(8), prod);
                WriteValue(f.Memory, f.MulValues.Add(12), a);
                WriteValue(f.Memory, f.MulValues.Add(20), prod);
                f.Offsets(f.MulOffsets, 0, 0, 4, 8);
                f.Offsets(f.MulOffsets, 1, 12, 16, 20);
                f.FirstInstance(f.Add, p, f.AddValues, f.AddOffsets, 2);
                f.FirstInstance(f.Mul, p, f.MulValues, f.MulOffsets, 2);

                ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 2, f.Mul.Base, 2);

                Assert.Equal(a, ReadValue(f.Memory, f.AddValues));
                Assert.Equal(b, ReadValue(f.Memory, f.AddValues.Add(16)));
                Assert.Equal(a, ReadValue(f.Memory, f.MulValues)); // p prime: the unique residue
                Assert.Equal(b, ReadValue(f.Memory, f.MulValues.Add(16)));
                f.Add.RunSecurityChecks(f.Memory);
                f.Mul.RunSecurityChecks(f.Memory);
            }
        }
    }

    [Fact]
    public void Add_operand_deduction_wraps_by_p_when_the_known_addend_exceeds_the_sum()
    {
        var f = new Fixture();
        // b = 5, c = 2 (mod 7): a = 2 + 7 − 5 = 4.
        WriteValue(f.Memory, f.AddValues.Add(4), 5);
        WriteValue(f.Memory, f.AddValues.Add(8), 2);
        f.Offsets(f.AddOffsets, 0, 0, 4, 8);
        f.FirstInstance(f.Add, 7, f.AddValues, f.AddOffsets, 1);
        ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 1, f.Mul.Base, 0);
        Assert.Equal(4, ReadValue(f.Memory, f.AddValues));
        f.Add.RunSecurityChecks(f.Memory);
    }

    [Fact]
    public void Add_result_keeps_a_plus_b_minus_p_when_the_sum_reaches_2p()
    {
        var f = new Fixture();
        // a + b = 20 ≥ 2·7: c = 20 − 7 = 13 (the AIR allows only k ∈ {0, 1}).
        WriteValue(f.Memory, f.AddValues, 10);
        WriteValue(f.Memory, f.AddValues.Add(4), 10);
        f.Offsets(f.AddOffsets, 0, 0, 4, 8);
        f.FirstInstance(f.Add, 7, f.AddValues, f.AddOffsets, 1);
        ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 1, f.Mul.Base, 0);
        Assert.Equal(13, ReadValue(f.Memory, f.AddValues.Add(8)));
        f.Add.RunSecurityChecks(f.Memory);
    }

    [Fact]
    public void Mul_division_by_a_non_invertible_value_writes_a_nullifier_and_truncates_n()
    {
        var f = new Fixture();
        // p = 15. op 0: 2 · 7 = c (c deduced, 14). op 1: 3 · b = 1 with gcd(3, 15) = 3 → b = 15 / 3 = 5.
        // op 2: 2 · 4 = c (still computed).
        WriteValue(f.Memory, f.MulValues, 2);
        WriteValue(f.Memory, f.MulValues.Add(4), 7);
        WriteValue(f.Memory, f.MulValues.Add(12), 3);
        WriteValue(f.Memory, f.MulValues.Add(20), 1);
        WriteValue(f.Memory, f.MulValues.Add(28), 4);
        f.Offsets(f.MulOffsets, 0, 0, 4, 8);
        f.Offsets(f.MulOffsets, 1, 12, 16, 20);
        f.Offsets(f.MulOffsets, 2, 0, 28, 32);
        f.FirstInstance(f.Mul, 15, f.MulValues, f.MulOffsets, null);

        ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 0, f.Mul.Base, 3);

        Assert.Equal(14, ReadValue(f.Memory, f.MulValues.Add(8)));
        Assert.Equal(5, ReadValue(f.Memory, f.MulValues.Add(16)));
        Assert.Equal(8, ReadValue(f.Memory, f.MulValues.Add(32)));
        Assert.Equal(Felt.One, f.Memory.GetFelt(f.Mul.Base.Add(6))); // n = index of the first failing gate
        Assert.Equal(7, f.Mul.GetUsedCells(f.Memory)); // one instance only
        f.Mul.RunSecurityChecks(f.Memory);
    }

    [Fact]
    public void Mul_operand_deduction_gives_the_smallest_operand_with_k_non_negative()
    {
        var f = new Fixture();
        // p = 7, known a = 3, c = 6 (≥ p is allowed for c): b = 6 · 3⁻¹ mod 7 = 2; 3 · 2 − 6 = 0 ≥ 0.
        // Then op 1: a = 5, c = 20: b = 20 · 5⁻¹ mod 7 = 6·3 = 18 mod 7 = 4, 5·4 − 20 = 0.
        // op 2: a = 2, c = 13: b' = 13·4 mod 7 = 3, k = (2·3 − 13)/7 = −1 < 0 → b = 3 + 7·⌊(2 − 1 + 1)/2⌋ = 10 (2·10 − 13 = 7).
        WriteValue(f.Memory, f.MulValues, 3);
        WriteValue(f.Memory, f.MulValues.Add(8), 6);
        WriteValue(f.Memory, f.MulValues.Add(12), 5);
        WriteValue(f.Memory, f.MulValues.Add(20), 20);
        WriteValue(f.Memory, f.MulValues.Add(24), 2);
        WriteValue(f.Memory, f.MulValues.Add(32), 13);
        f.Offsets(f.MulOffsets, 0, 0, 4, 8);
        f.Offsets(f.MulOffsets, 1, 12, 16, 20);
        f.Offsets(f.MulOffsets, 2, 24, 28, 32);
        f.FirstInstance(f.Mul, 7, f.MulValues, f.MulOffsets, null);
        ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 0, f.Mul.Base, 3);
        Assert.Equal(2, ReadValue(f.Memory, f.MulValues.Add(4)));
        Assert.Equal(4, ReadValue(f.Memory, f.MulValues.Add(16)));
        Assert.Equal(10, ReadValue(f.Memory, f.MulValues.Add(28)));
        Assert.Equal(Felt.FromUInt64(3), f.Memory.GetFelt(f.Mul.Base.Add(6)));
        f.Mul.RunSecurityChecks(f.Memory);
    }

    [Fact]
    public void Fill_memory_interleaves_add_and_mul_when_they_depend_on_each_other()
    {
        var f = new Fixture();
        var p = Secp;
        // One shared values table: x = 3 + 4 (add op 0); y = x · 5 (mul op 0); z = y + x (add op 1).
        WriteValue(f.Memory, f.AddValues, 3);
        WriteValue(f.Memory, f.AddValues.Add(4), 4);
        WriteValue(f.Memory, f.AddValues.Add(12), 5);
        f.Offsets(f.AddOffsets, 0, 0, 4, 8);     // [8] = [0] + [4]
        f.Offsets(f.AddOffsets, 1, 16, 8, 20);   // [20] = [16] + [8]
        f.Offsets(f.MulOffsets, 0, 8, 12, 16);   // [16] = [8] · [12]
        f.FirstInstance(f.Add, p, f.AddValues, f.AddOffsets, 2);
        f.FirstInstance(f.Mul, p, f.AddValues, f.MulOffsets, null);

        ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 2, f.Mul.Base, 1);

        Assert.Equal(7, ReadValue(f.Memory, f.AddValues.Add(8)));
        Assert.Equal(35, ReadValue(f.Memory, f.AddValues.Add(16)));
        Assert.Equal(42, ReadValue(f.Memory, f.AddValues.Add(20)));
        f.Add.RunSecurityChecks(f.Memory);
        f.Mul.RunSecurityChecks(f.Memory);
    }

    [Fact]
    public void Fill_memory_pads_the_offsets_table_to_the_declared_n()
    {
        var f = new Fixture();
        WriteValue(f.Memory, f.AddValues, 1);
        WriteValue(f.Memory, f.AddValues.Add(4), 2);
        f.Offsets(f.AddOffsets, 0, 0, 4, 8);
        f.FirstInstance(f.Add, 11, f.AddValues, f.AddOffsets, 3);
        ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 1, f.Mul.Base, 0);
        for (int op = 1; op < 3; op++)
        {
            for (int j = 0; j < 3; j++) Assert.Equal(Felt.FromUInt64((ulong)(4 * j)), f.Memory.GetFelt(f.AddOffsets.Add(3 * op + j)));
        }
        Assert.Equal(21, f.Add.GetUsedCells(f.Memory));
        Assert.Equal(Felt.One, f.Memory.GetFelt(f.Add.Base.Add(20)));
        Assert.Equal(3, ReadValue(f.Memory, f.AddValues.Add(8)));
        f.Add.RunSecurityChecks(f.Memory);
    }

    [Fact]
    public void Fill_memory_errors_are_clear()
    {
        var f = new Fixture();
        Assert.Contains("at least one of add_mod and mul_mod", Assert.Throws<MemoryException>(() => ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 0, f.Mul.Base, 0)).Message);

        // Two unknown operands: nothing can be deduced.
        WriteValue(f.Memory, f.AddValues, 1);
        f.Offsets(f.AddOffsets, 0, 0, 4, 8);
        f.FirstInstance(f.Add, 11, f.AddValues, f.AddOffsets, 1);
        Assert.Contains("Could not fill the values table, add_mod_index=0, mul_mod_index=0",
            Assert.Throws<MemoryException>(() => ModBuiltinRunner.FillMemory(f.Memory, f.Add.Base, 1, f.Mul.Base, 0)).Message);

        var g = new Fixture();
        g.Memory.Insert(g.Add.Base.Add(4), Felt.FromUInt64(5));
        Assert.Contains("add_mod builtin: Expected RelocatableValue at address",
            Assert.Throws<MemoryException>(() => ModBuiltinRunner.FillMemory(g.Memory, g.Add.Base, 1, g.Mul.Base, 0)).Message);

        var h = new Fixture();
        h.FirstInstance(h.Add, 11, h.AddValues, h.AddOffsets, 1);
        h.Memory.Insert(h.AddValues, Felt.FromBigInteger(Word));
        h.Offsets(h.AddOffsets, 0, 0, 4, 8);
        Assert.Contains("to be smaller than 2^96",
            Assert.Throws<MemoryException>(() => ModBuiltinRunner.FillMemory(h.Memory, h.Add.Base, 1, h.Mul.Base, 0)).Message);

        var k = new Fixture();
        k.FirstInstance(k.Add, 11, k.AddValues, k.AddOffsets, 1);
        Assert.Contains("n must be <= 100000",
            Assert.Throws<MemoryException>(() => ModBuiltinRunner.FillMemory(k.Memory, k.Add.Base, 100001, k.Mul.Base, 0)).Message);
    }

    [Fact]
    public void Security_checks_reject_wrong_results_and_broken_chains()
    {
        // Wrong c.
        var f = new Fixture();
        WriteValue(f.Memory, f.MulValues, 3);
        WriteValue(f.Memory, f.MulValues.Add(4), 4);
        WriteValue(f.Memory, f.MulValues.Add(8), 6);
        f.Offsets(f.MulOffsets, 0, 0, 4, 8);
        f.FirstInstance(f.Mul, 7, f.MulValues, f.MulOffsets, 1);
        Assert.Contains("mul_mod builtin: Expected a * b == c (mod p). Got: instance=0, batch=0, p=7, a=3, b=4, c=6.",
            Assert.Throws<MemoryException>(() => f.Mul.RunSecurityChecks(f.Memory)).Message);

        // Right residue, but a + b − c = 2p: outside {0, 1}·p.
        var g = new Fixture();
        WriteValue(g.Memory, g.AddValues, 10);
        WriteValue(g.Memory, g.AddValues.Add(4), 10);
        WriteValue(g.Memory, g.AddValues.Add(8), 6);
        g.Offsets(g.AddOffsets, 0, 0, 4, 8);
        g.FirstInstance(g.Add, 7, g.AddValues, g.AddOffsets, 1);
        Assert.Contains("add_mod builtin: Expected (a + b - c)/p to be in {0,1,...,1}",
            Assert.Throws<MemoryException>(() => g.Add.RunSecurityChecks(g.Memory)).Message);

        // Last instance with n = 2.
        var h = new Fixture();
        WriteValue(h.Memory, h.AddValues, 1);
        WriteValue(h.Memory, h.AddValues.Add(4), 2);
        WriteValue(h.Memory, h.AddValues.Add(8), 3);
        h.Offsets(h.AddOffsets, 0, 0, 4, 8);
        h.FirstInstance(h.Add, 7, h.AddValues, h.AddOffsets, 2);
        Assert.Contains("the last instance must have n = 1", Assert.Throws<MemoryException>(() => h.Add.RunSecurityChecks(h.Memory)).Message);

        // Second instance with a different values_ptr.
        h.Offsets(h.AddOffsets, 1, 0, 4, 8);
        var second = h.Add.Base.Add(7);
        WriteValue(h.Memory, second, 7);
        h.Memory.Insert(second.Add(4), h.MulValues);
        h.Memory.Insert(second.Add(5), h.AddOffsets.Add(3));
        h.Memory.Insert(second.Add(6), Felt.One);
        Assert.Contains("values_ptr of instance 1", Assert.Throws<MemoryException>(() => h.Add.RunSecurityChecks(h.Memory)).Message);

        // Missing input cell.
        var m = new Fixture();
        m.Memory.Insert(m.Add.Base.Add(6), Felt.One);
        Assert.Contains("add_mod builtin: Missing value at address", Assert.Throws<MemoryException>(() => m.Add.RunSecurityChecks(m.Memory)).Message);
    }

    // ---- whole programs ----------------------------------------------------------------------

    private const string FillHintCode = "test: set up circuits and fill_memory";

    /// <summary>
    /// A hint that allocates a values table (x = 3, y = 4 in 4-word form), an add_mod operation
    /// s = x + y, a mul_mod operation t = s · y, writes the first instance of each builtin and calls
    /// <see cref="ModBuiltinRunner.FillMemory"/>. The builtin pointers are at fp − 4 and fp − 3.
    /// </summary>
    private static Cairo0HintRegistry Registry(BigInteger p, bool tamper = false)
    {
        var registry = new Cairo0HintRegistry();
        registry.Register(FillHintCode, _ => new DelegateHint(ctx =>
        {
            var memory = ctx.Memory;
            var addPtr = memory.GetRelocatable(ctx.Fp.Add(-4));
            var mulPtr = memory.GetRelocatable(ctx.Fp.Add(-3));
            var values = memory.AddSegment();
            var offsets = memory.AddSegment();
            WriteValue(memory, values, 3);
            WriteValue(memory, values.Add(4), 4);
            foreach (var (i, off) in new[] { 0, 4, 8, 8, 4, 12 }.Index()) memory.Insert(offsets.Add(i), Felt.FromUInt64((ulong)off));
            WriteValue(memory, addPtr, p);
            memory.Insert(addPtr.Add(4), values);
            memory.Insert(addPtr.Add(5), offsets);
            memory.Insert(addPtr.Add(6), Felt.One);
            WriteValue(memory, mulPtr, p);
            memory.Insert(mulPtr.Add(4), values);
            memory.Insert(mulPtr.Add(5), offsets.Add(3));
            if (tamper)
            {
                WriteValue(memory, values.Add(8), 7);
                WriteValue(memory, values.Add(12), 29);
                memory.Insert(mulPtr.Add(6), Felt.One);
                return;
            }
            ModBuiltinRunner.FillMemory(memory, addPtr, 1, mulPtr, 1);
        }));
        return registry;
    }

    private static Dictionary<int, IReadOnlyList<HintDefinition>> HintAt(int pc) => new()
    {
        [pc] = [new HintDefinition(pc, FillHintCode, ["__main__"], new ApTracking(0, 0), new Dictionary<string, int>())],
    };

    /// <summary><c>main(add_mod_ptr, mul_mod_ptr)</c>: returns both pointers advanced by one instance.</summary>
    private static void MainBody(Asm a) => a
        .AssertOpImm(ResLogic.Add, Ap, 0, Fp, -4, 7, apPlusPlus: true)
        .AssertOpImm(ResLogic.Add, Ap, 0, Fp, -3, 7, apPlusPlus: true)
        .Ret();

    internal static CairoProgram ExecutionProgram()
    {
        var a = new Asm();
        MainBody(a);
        return new CairoProgram(a.Words.ToArray(), ["add_mod", "mul_mod"], HintAt(0), new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.main"] = new("__main__.main", "function", 0, null, null),
        });
    }

    internal static CairoProgram ProofProgram()
    {
        var a = new Asm().ApAdd(2).CallRel(6).JmpRel(4);
        MainBody(a);
        return new CairoProgram(a.Words.ToArray(), ["add_mod", "mul_mod"], HintAt(6), new Dictionary<string, ProgramIdentifier>
        {
            ["__main__.__start__"] = new("__main__.__start__", "label", 0, null, null),
            ["__main__.__end__"] = new("__main__.__end__", "label", 4, null, null),
            ["__main__.main"] = new("__main__.main", "function", 6, null, null),
        });
    }

    /// <summary>The values table: the first segment after the zero segment.</summary>
    private static Relocatable ValuesTable(CairoRunner r) => new(r.ZeroSegment!.Value.Segment + 1, 0);

    [Fact]
    public void Execution_mode_program_fills_and_verifies_both_builtins()
    {
        var r = new CairoRunner(ExecutionProgram(), new CairoRunOptions { HintRegistry = Registry(Secp), RecordTrace = true });
        r.RunMain();
        Assert.Equal(["add_mod", "mul_mod"], r.Builtins.Select(b => b.Name));
        Assert.All(r.Builtins, b => Assert.IsType<ModBuiltinRunner>(b));
        var values = ValuesTable(r);
        Assert.Equal(7, ReadValue(r.Memory, values.Add(8)));
        Assert.Equal(28, ReadValue(r.Memory, values.Add(12)));
        Assert.Equal(1, r.Builtins[0].GetUsedInstances(r.Memory));
        Assert.Equal(1, r.Builtins[1].GetUsedInstances(r.Memory));
        Assert.Equal(r.Builtins[0].Base.Add(7), r.Builtins[0].StopPointer);
        // The zero segment follows return_fp and end (§3.3).
        Assert.Equal(r.Builtins[1].Base.Segment + 3, r.ZeroSegment!.Value.Segment);
        // The tables are written by the hint only, yet count as accessed (§1.6).
        Assert.Equal(0, r.GetMemoryHoles());
    }

    [Fact]
    public void Execution_mode_rejects_a_wrong_circuit_result_in_the_security_check()
    {
        var r = new CairoRunner(ExecutionProgram(), new CairoRunOptions { HintRegistry = Registry(Secp, tamper: true) });
        var e = Assert.Throws<VmException>(() => r.RunMain());
        Assert.Contains("mul_mod builtin: Expected a * b == c (mod p)", e.Message);

        var unchecked_ = new CairoRunner(ExecutionProgram(), new CairoRunOptions { HintRegistry = Registry(Secp, tamper: true), SecureRun = false });
        unchecked_.RunMain();
    }

    [Fact]
    public void Secure_run_requires_every_input_cell_of_the_used_instances()
    {
        var registry = new Cairo0HintRegistry();
        registry.Register(FillHintCode, _ => new DelegateHint(ctx =>
        {
            // Only n of each first instance: p, values_ptr and offsets_ptr are missing.
            ctx.Memory.Insert(ctx.Memory.GetRelocatable(ctx.Fp.Add(-4)).Add(6), Felt.One);
            ctx.Memory.Insert(ctx.Memory.GetRelocatable(ctx.Fp.Add(-3)).Add(6), Felt.One);
        }));
        var r = new CairoRunner(ExecutionProgram(), new CairoRunOptions { HintRegistry = registry });
        var e = Assert.Throws<VmException>(() => r.RunMain());
        Assert.Contains("Missing memory cells for add_mod: 2:0, 2:1, 2:2, 2:3, 2:4, 2:5", e.Message);
    }

    [Fact]
    public void Proof_mode_program_with_add_mod_and_mul_mod_on_all_cairo()
    {
        var r = new CairoRunner(ProofProgram(), new CairoRunOptions { ProofMode = true, Layout = Layout.Get("all_cairo"), HintRegistry = Registry(Bls), SecureRun = true });
        r.RunMain();
        Assert.Equal(32768, r.Vm.Trace.Count);
        var pub = JsonDocument.Parse(r.GetAirPublicInput().ToJson()).RootElement.GetProperty("memory_segments");
        foreach (var name in new[] { "add_mod", "mul_mod" })
        {
            var seg = pub.GetProperty(name);
            Assert.Equal(seg.GetProperty("begin_addr").GetInt64() + 7, seg.GetProperty("stop_ptr").GetInt64());
        }
        var table = r.GetRelocationTable();
        Assert.Equal(1792UL, table.Sizes[r.Builtins.Single(b => b.Name == "add_mod").Base.Segment]);
        Assert.Equal(28, ReadValue(r.Memory, ValuesTable(r).Add(12)));

        var priv = JsonDocument.Parse(r.GetAirPrivateInput("/t/trace.bin", "/t/memory.bin").ToJson()).RootElement;
        var mul = priv.GetProperty("mul_mod");
        Assert.Equal((long)table.Relocate(r.ZeroSegment!.Value), mul.GetProperty("zero_value_address").GetInt64());
        var inst = Assert.Single(mul.GetProperty("instances").EnumerateArray());
        Assert.Equal(0, inst.GetProperty("index").GetInt32());
        Assert.Equal(1, inst.GetProperty("n").GetInt32());
        Assert.Equal((long)table.Relocate(ValuesTable(r)), inst.GetProperty("values_ptr").GetInt64());
        var bls = Bls;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Felt.FromBigInteger(bls % Word).ToHexString(), inst.GetProperty($"p{i}").GetString());
            bls /= Word;
        }
        var op = Assert.Single(inst.GetProperty("batch").EnumerateArray());
        Assert.Equal(8, op.GetProperty("a_offset").GetInt32());
        Assert.Equal("0x7", op.GetProperty("a0").GetString());
        Assert.Equal("0x4", op.GetProperty("b0").GetString());
        Assert.Equal("0x1c", op.GetProperty("c0").GetString());
        Assert.Equal("0x0", op.GetProperty("c3").GetString());
    }

    [Fact]
    public void Proof_mode_on_the_dynamic_layout_allocates_mod_instances_by_ratio_and_denominator()
    {
        var layout = Layout.Dynamic(DynamicLayoutParams.Parse("""
            {"rc_units": 4, "log_diluted_units_per_step": 4, "uses_add_mod_builtin": 1, "add_mod_ratio": 128, "add_mod_ratio_den": 1,
             "uses_mul_mod_builtin": 1, "mul_mod_ratio": 256, "mul_mod_ratio_den": 2}
            """));
        var r = new CairoRunner(ProofProgram(), new CairoRunOptions { ProofMode = true, Layout = layout, HintRegistry = Registry(Secp) });
        r.RunMain();
        long steps = r.Vm.Trace.Count;
        Assert.Equal(4096, steps); // the diluted pool needs 2^16 units at 16 per step
        var table = r.GetRelocationTable();
        Assert.Equal((ulong)(steps / 128 * 7), table.Sizes[r.Builtins.Single(b => b.Name == "add_mod").Base.Segment]);
        Assert.Equal((ulong)(steps * 2 / 256 * 7), table.Sizes[r.Builtins.Single(b => b.Name == "mul_mod").Base.Segment]);
        Assert.Equal(0UL, table.Sizes[r.Builtins.Single(b => b.Name == "pedersen").Base.Segment]);
    }

    [Fact]
    public void Runner_creates_mod_builtins_and_the_zero_segment()
    {
        Assert.IsType<ModBuiltinRunner>(BuiltinRunner.Create("add_mod"));
        Assert.True(((ModBuiltinRunner)BuiltinRunner.Create("mul_mod")!).IsMul);
        Assert.Equal(22, BuiltinRunner.Create("add_mod")!.CellsPerInstance + BuiltinRunner.Create("add_mod")!.AdditionalMemoryUnitsPerInstance);
        var r = new CairoRunner(ExecutionProgram(), new CairoRunOptions { Layout = Layout.Get("all_cairo"), HintRegistry = Registry(Secp) });
        r.RunMain();
        Assert.Equal(["add_mod", "mul_mod"], r.Builtins.Select(b => b.Name));
        Assert.Contains("not present in layout",
            Assert.Throws<VmException>(() => new CairoRunner(ExecutionProgram(), new CairoRunOptions { Layout = Layout.Get("starknet") })).Message);
    }
}
