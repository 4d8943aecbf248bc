using System.Numerics;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;
using static Cairn.Cairo.Instructions.Register;

namespace Cairn.Cairo.Tests;

public class BuiltinTests
{
    private static (VmMemory Memory, T Runner) Setup<T>(T runner) where T : BuiltinRunner
    {
        var memory = new VmMemory();
        memory.AddSegment();
        runner.InitializeSegments(memory);
        runner.AddValidationRules(memory);
        return (memory, runner);
    }

    private static Felt Deduce(VmMemory memory, Relocatable at)
    {
        Assert.True(memory.TryAutoDeduce(at, out var v));
        Assert.Equal(v, memory.Get(at)); // deduced cells are written
        return v.Felt;
    }

    [Fact]
    public void Pedersen_deduces_the_hash_cell_only_once_both_inputs_exist()
    {
        var (m, b) = Setup(new PedersenBuiltinRunner());
        Felt x = Felt.Parse("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb"), y = Felt.Parse("0x208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31a");
        m.Insert(b.Base.Add(3), x);
        Assert.False(m.TryAutoDeduce(b.Base.Add(5), out _)); // y missing
        Assert.False(m.TryAutoDeduce(b.Base.Add(3), out _)); // input cells are never deduced
        m.Insert(b.Base.Add(4), y);
        Assert.Equal(Pedersen.Hash(x, y), Deduce(m, b.Base.Add(5)));
        // published vector (cairo-lang / @scure/starknet pedersen test)
        Assert.Equal(Felt.Parse("0x30e480bed5fe53fa909cc0f8c4d99b8f9f2c016be4c41e13a4848797979c662"), Pedersen.Hash(x, y));
    }

    [Fact]
    public void Pedersen_rejects_relocatable_inputs()
    {
        var (m, b) = Setup(new PedersenBuiltinRunner());
        m.Insert(b.Base, new Relocatable(0, 0));
        m.Insert(b.Base.Add(1), (Felt)1);
        Assert.Contains("pedersen builtin: Expected integer", Assert.Throws<MemoryException>(() => m.TryAutoDeduce(b.Base.Add(2), out _)).Message);
    }

    [Theory]
    [InlineData("0x7b", "0x1c8")]
    [InlineData("0x7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5")]
    [InlineData("0x0", "0x123456789abcdef0fedcba9876543210fedcba98765432100123456789abcde")]
    public void Bitwise_matches_biginteger_operations(string xs, string ys)
    {
        var (m, b) = Setup(new BitwiseBuiltinRunner());
        var start = b.Base.Add(5);
        Felt x = Felt.Parse(xs), y = Felt.Parse(ys);
        m.Insert(start, x);
        m.Insert(start.Add(1), y);
        BigInteger bx = x.ToBigInteger(), by = y.ToBigInteger();
        Assert.Equal(Felt.FromBigInteger(bx & by), Deduce(m, start.Add(2)));
        Assert.Equal(Felt.FromBigInteger(bx ^ by), Deduce(m, start.Add(3)));
        Assert.Equal(Felt.FromBigInteger(bx | by), Deduce(m, start.Add(4)));
    }

    [Fact]
    public void Bitwise_rejects_inputs_of_2_pow_251_and_above()
    {
        var (m, b) = Setup(new BitwiseBuiltinRunner());
        m.Insert(b.Base, Felt.FromBigInteger(BigInteger.One << 251));
        m.Insert(b.Base.Add(1), (Felt)1);
        Assert.Contains("to be smaller than 2^251", Assert.Throws<MemoryException>(() => m.TryAutoDeduce(b.Base.Add(2), out _)).Message);
    }

    [Fact]
    public void Poseidon_outputs_are_the_hades_permutation()
    {
        var (m, b) = Setup(new PoseidonBuiltinRunner());
        m.Insert(b.Base, (Felt)1);
        m.Insert(b.Base.Add(1), (Felt)2);
        Assert.False(m.TryAutoDeduce(b.Base.Add(4), out _));
        m.Insert(b.Base.Add(2), (Felt)3);
        Felt s0 = 1, s1 = 2, s2 = 3;
        Poseidon.Permute(ref s0, ref s1, ref s2);
        Assert.Equal(s1, Deduce(m, b.Base.Add(4)));
        Assert.Equal(s0, Deduce(m, b.Base.Add(3)));
        Assert.Equal(s2, Deduce(m, b.Base.Add(5)));
    }

    [Fact]
    public void Ec_op_computes_p_plus_m_times_q()
    {
        var (m, b) = Setup(new EcOpBuiltinRunner());
        var p = StarkCurve.Generator;
        var q = StarkCurve.Multiply(StarkCurve.Generator, 7).ToAffine();
        Felt k = Felt.Parse("0x1234567890abcdef1234567890abcdef");
        var expected = StarkCurve.Multiply(q, k).Add(p).ToAffine();
        Felt[] inputs = [p.X, p.Y, q.X, q.Y, k];
        for (int i = 0; i < 5; i++) m.Insert(b.Base.Add(i), inputs[i]);
        Assert.Equal(expected.Y, Deduce(m, b.Base.Add(6)));
        Assert.Equal(expected.X, Deduce(m, b.Base.Add(5)));
    }

    [Fact]
    public void Ec_op_rejects_points_off_the_curve_and_equal_x_coordinates()
    {
        var (m, b) = Setup(new EcOpBuiltinRunner());
        var g = StarkCurve.Generator;
        Felt[] off = [g.X, g.Y + 1, g.X, g.Y, 3];
        for (int i = 0; i < 5; i++) m.Insert(b.Base.Add(i), off[i]);
        Assert.Contains("is not on the curve", Assert.Throws<MemoryException>(() => m.TryAutoDeduce(b.Base.Add(5), out _)).Message);

        // P == Q: the first iteration already sees the same x.
        Felt[] same = [g.X, g.Y, g.X, g.Y, 3];
        for (int i = 0; i < 5; i++) m.Insert(b.Base.Add(7 + i), same[i]);
        Assert.Contains("same x coordinate", Assert.Throws<MemoryException>(() => m.TryAutoDeduce(b.Base.Add(12), out _)).Message);
    }

    [Fact]
    public void Keccak_permutes_the_state_so_that_a_padded_empty_block_gives_keccak256_of_empty()
    {
        var (m, b) = Setup(new KeccakBuiltinRunner());
        // Absorbing the padded empty message (0x01 at byte 0, 0x80 at byte 135) into the zero state
        // and permuting once gives keccak256("") in the first 32 bytes.
        for (int i = 0; i < 8; i++)
        {
            Felt v = i == 0 ? 1 : i == 5 ? Felt.FromBigInteger(new BigInteger(0x80) << (8 * (135 - 125))) : 0;
            m.Insert(b.Base.Add(i), v);
        }
        var digest = Keccak256.Hash([]);
        var s0 = Deduce(m, b.Base.Add(8)).ToBytesLE();
        var s1 = Deduce(m, b.Base.Add(9)).ToBytesLE();
        Assert.Equal(digest[..25], s0[..25]);
        Assert.Equal(digest[25..32], s1[..7]);
        for (int i = 10; i < 16; i++) Deduce(m, b.Base.Add(i));
    }

    [Fact]
    public void Keccak_rejects_inputs_of_2_pow_200()
    {
        var (m, b) = Setup(new KeccakBuiltinRunner());
        for (int i = 0; i < 8; i++) m.Insert(b.Base.Add(i), i == 3 ? Felt.FromBigInteger(BigInteger.One << 200) : 0);
        Assert.Contains("smaller than 2^200", Assert.Throws<MemoryException>(() => m.TryAutoDeduce(b.Base.Add(15), out _)).Message);
    }

    [Fact]
    public void Range_check96_bounds_values_below_2_pow_96()
    {
        var (m, b) = Setup(new RangeCheckBuiltinRunner(RangeCheckBuiltinRunner.Parts96));
        Assert.Equal("range_check96", b.Name);
        m.Insert(b.Base, Felt.FromBigInteger((BigInteger.One << 96) - 1));
        Assert.Contains("out of range [0, 2^96)", Assert.Throws<MemoryException>(() => m.Insert(b.Base.Add(1), Felt.FromBigInteger(BigInteger.One << 96))).Message);
        Assert.Contains("to be an integer", Assert.Throws<MemoryException>(() => m.Insert(b.Base.Add(1), new Relocatable(0, 0))).Message);
        Assert.True(b.TryGetRangeCheckUsage(m, out int min, out int max));
        Assert.Equal((0xFFFF, 0xFFFF), (min, max));
    }

    [Fact]
    public void Ecdsa_validates_registered_signatures()
    {
        var (m, b) = Setup(new EcdsaBuiltinRunner());
        Felt key = Felt.Parse("0x2dccce1da22003777062ee0870e9881b460a8b7eca276870f57c601f182136c");
        Felt pub = Ecdsa.GetPublicKey(key);
        Felt msg = Felt.Parse("0x1e542e2da71b3f5d7b4e9d329b4d30ac0b5d6f266ebef7364bf61c39aac35d0");
        var sig = Ecdsa.Sign(key, msg);

        // instance 0: valid signature, written message first then key
        b.AddSignature(b.Base, sig.R, sig.S);
        m.Insert(b.Base.Add(1), msg);
        m.Insert(b.Base, pub);

        // instance 1: no signature registered
        m.Insert(b.Base.Add(2), pub);
        Assert.Contains("Signature hint is missing", Assert.Throws<MemoryException>(() => m.Insert(b.Base.Add(3), msg)).Message);

        // instance 2: signature over another message
        b.AddSignature(b.Base.Add(4), sig.R, sig.S);
        m.Insert(b.Base.Add(4), pub);
        Assert.Contains("is invalid", Assert.Throws<MemoryException>(() => m.Insert(b.Base.Add(5), msg + 1)).Message);

        Assert.Throws<MemoryException>(() => b.AddSignature(b.Base.Add(1), sig.R, sig.S));

        // the exact cairo-lang rule agrees with the library verifier on these signatures
        Assert.True(EcdsaBuiltinRunner.Verify(pub, msg, sig.R, sig.S));
        Assert.Equal(Ecdsa.Verify(pub, msg, sig.R, sig.S), EcdsaBuiltinRunner.Verify(pub, msg, sig.R, sig.S));
        Assert.False(EcdsaBuiltinRunner.Verify(pub, msg + 1, sig.R, sig.S));
        Assert.False(EcdsaBuiltinRunner.Verify(pub, msg, sig.R, StarkCurve.Order));
        for (ulong k = 2; k < 6; k++)
        {
            var sk = Ecdsa.Sign(k, msg);
            Assert.True(EcdsaBuiltinRunner.Verify(Ecdsa.GetPublicKey(k), msg, sk.R, sk.S));
        }
    }

    [Fact]
    public void Vm_reads_builtin_outputs_through_auto_deduction()
    {
        // main{pedersen_ptr, bitwise_ptr}: writes two inputs into each builtin, reads the outputs, returns ptr + size.
        Felt x = 0x1234, y = 0x5678;
        var a = new Asm()
            .AssertImm(Ap, 0, x, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -4, 0)                       // [[fp-4]] = x (pedersen)
            .AssertDeref(Ap, -1, Fp, -3, 0)                       // [[fp-3]] = x (bitwise)
            .AssertImm(Ap, 0, y, apPlusPlus: true)
            .AssertDeref(Ap, -1, Fp, -4, 1)
            .AssertDeref(Ap, -1, Fp, -3, 1)
            .Emit(Asm.Ins(Opcode.AssertEq, Ap, 0, Fp, -4, Op1Source.Op0, 2, ap: ApUpdate.Add1)) // [ap] = [[fp-4] + 2] (hash)
            .Emit(Asm.Ins(Opcode.AssertEq, Ap, 0, Fp, -3, Op1Source.Op0, 4, ap: ApUpdate.Add1)) // [ap] = [[fp-3] + 4] (x | y)
            .AssertOpImm(ResLogic.Add, Ap, 0, Fp, -4, 3, apPlusPlus: true)
            .AssertOpImm(ResLogic.Add, Ap, 0, Fp, -3, 5, apPlusPlus: true)
            .Ret();
        var r = new CairoRunner(a.Build(0, "pedersen", "bitwise"));
        r.RunMain();
        Assert.Equal(new MaybeRelocatable(Pedersen.Hash(x, y)), r.Memory.Get(r.Vm.Ap.Add(-4)));
        Assert.Equal(MaybeRelocatable.FromUInt64(0x1234 | 0x5678), r.Memory.Get(r.Vm.Ap.Add(-3)));
    }

    [Fact]
    public void End_of_run_verification_catches_a_wrong_output_written_by_the_program()
    {
        var (m, b) = Setup(new PedersenBuiltinRunner());
        m.Insert(b.Base, (Felt)1);
        m.Insert(b.Base.Add(1), (Felt)2);
        m.Insert(b.Base.Add(2), (Felt)3);
        Assert.Contains("Inconsistent auto-deduction rule", Assert.Throws<MemoryException>(m.VerifyAutoDeductions).Message);
    }
}
