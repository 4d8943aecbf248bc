using Cairn.Cairo.Builder;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.SystemContracts;
using Cairn.Primitives;
using Xunit.Abstractions;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>
/// <see cref="StarkEcdsaCasm"/> wrapped in a one-entry-point class (builtins [ec_op], calldata
/// <c>[hash, public_key, r, s]</c>, retdata <c>[is_valid]</c>) and run through the Starknet calling
/// convention: signatures from <see cref="Ecdsa"/> (which matches @scure/starknet) pass, tampered ones
/// fail, and edge cases follow corelib's <c>check_ecdsa_signature</c> (modelled in C# below).
/// </summary>
public sealed class StarkEcdsaCasmTests(ITestOutputHelper output)
{
    private static readonly Felt ClassHash = Felt.FromUInt64(0xecd5a);
    private static readonly Felt Address = Felt.FromUInt64(0xec0);
    private static readonly Felt Selector = StarknetKeccak.Selector("verify");
    private static readonly Lazy<CasmContractClass> Verifier = new(() => Build(callCheck: true));
    private static readonly Lazy<CasmContractClass> Empty = new(() => Build(callCheck: false));

    /// <summary>The wrapper entry point; without <paramref name="callCheck"/> it returns 1 without verifying (to measure the wrapper's own steps).</summary>
    private static CasmContractClass Build(bool callCheck, Func<string, string>? rewriteHint = null)
    {
        var b = new CasmBuilder();
        var check = StarkEcdsaCasm.Emit(b);
        var f = b.BeginFunction("verify", argCount: 5, returnCount: 6);
        var (ec, gas, syscall, start) = (f.Arg(0), f.Arg(1), f.Arg(2), f.Arg(3));
        var locals = b.AllocLocals(2);
        if (callCheck)
        {
            var res = b.Call(check, ec, start.Deref(0), start.Deref(1), start.Deref(2), start.Deref(3));
            b.AssertEq(locals[0], res[0]);
            b.AssertEq(locals[1], res[1]);
        }
        else
        {
            b.AssertEq(locals[0], ec);
            b.AssertEq(locals[1], 1);
        }
        var ret = b.Alloc();
        b.Hint("{\"AllocSegment\": {\"dst\": " + b.CellRefJson(ret) + "}}");
        b.ApAdd(1);
        b.AssertEq(locals[1], ret.Deref(0));
        b.AllocVar(locals[0]);
        b.AllocVar(gas);
        b.AllocVar(syscall);
        b.AllocVar(0);
        b.AllocVar(ret);
        b.AllocVar(ret + Felt.One);
        b.Ret();
        var built = b.Build();
        var hints = built.Hints;
        if (rewriteHint is not null)
        {
            hints = built.Hints.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Select(rewriteHint).ToArray());
        }
        return CasmContractClass.Create(built.Words, hints, [new CasmEntryPoint(Selector, built.Labels["verify"], ["ec_op"])]);
    }

    private static EntryPointResult Run(Felt hash, Felt publicKey, Felt r, Felt s, CasmContractClass? cls = null)
    {
        var world = new InMemoryWorld();
        world.Classes[ClassHash] = cls ?? Verifier.Value;
        world.Contracts[Address] = ClassHash;
        return InMemorySyscallHandler.RunCall(world, EntryPointType.External, Address, ClassHash, Felt.Zero, Selector, [hash, publicKey, r, s], 10_000_000);
    }

    private static bool Check(Felt hash, Felt publicKey, Felt r, Felt s)
    {
        var result = Run(hash, publicKey, r, s);
        Assert.False(result.Failed);
        Assert.Equal(StarkEcdsaCasm.EcOpInstances, result.BuiltinInstances["ec_op"]); // on every path
        var v = Assert.Single(result.Retdata);
        Assert.True(v == Felt.Zero || v == Felt.One, $"is_valid must be 0 or 1, got {v}");
        return v == Felt.One;
    }

    /// <summary>Corelib's <c>check_ecdsa_signature</c> in C#: the same early-outs, then x(zG ± rQ) = x(sR).</summary>
    private static bool CorelibModel(Felt z, Felt pk, Felt r, Felt s)
    {
        if (s.IsZero || s == StarkCurve.Order || r == StarkCurve.Order) return false;
        if (!StarkCurve.TryRecoverY(pk, out var qy) || !StarkCurve.TryRecoverY(r, out var ry)) return false;
        var sR = StarkCurve.Multiply(new AffinePoint(r, ry), s);
        if (sR.IsInfinity) return false;
        var zG = StarkCurve.Multiply(StarkCurve.Generator, z);
        var rQ = StarkCurve.Multiply(new AffinePoint(pk, qy), r);
        if (rQ.IsInfinity) return false;
        var sRx = sR.AffineX();
        foreach (var candidate in new[] { zG.Add(rQ), zG.Add(rQ.Negate()) })
        {
            if (!candidate.IsInfinity && candidate.AffineX() == sRx) return true;
        }
        return false;
    }

    private static Felt RandomFelt(Random rng, int bits = 251)
    {
        var bytes = new byte[32];
        rng.NextBytes(bytes);
        var v = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true) & ((System.Numerics.BigInteger.One << bits) - 1);
        return Felt.FromBigIntegerReduced(v);
    }

    private static Felt RandomKey(Random rng)
    {
        while (true)
        {
            var k = RandomFelt(rng, 251);
            if (!k.IsZero && k < StarkCurve.Order) return k;
        }
    }

    private static Felt NotOnCurveX(Random rng)
    {
        while (true)
        {
            var x = RandomFelt(rng);
            if (!StarkCurve.IsOnCurveX(x)) return x;
        }
    }

    [Fact]
    public void Real_signatures_pass_and_tampered_ones_fail()
    {
        var rng = new Random(5);
        for (int i = 0; i < 6; i++)
        {
            var key = RandomKey(rng);
            var pk = Ecdsa.GetPublicKey(key);
            var hash = RandomFelt(rng);
            var sig = Ecdsa.Sign(key, hash);
            Assert.True(Ecdsa.Verify(pk, hash, sig.R, sig.S));
            Assert.True(Check(hash, pk, sig.R, sig.S), $"valid signature {i} rejected");

            var otherPk = Ecdsa.GetPublicKey(RandomKey(rng));
            Assert.False(Check(hash, otherPk, sig.R, sig.S));
            Assert.False(Check(hash + Felt.One, pk, sig.R, sig.S));
            Assert.False(Check(hash, pk, sig.R, sig.S + Felt.One));
            Assert.False(Check(hash, pk, sig.S, sig.R));
            // A tampered r that is still the x of a curve point (so the run goes all the way).
            var r2 = sig.R + Felt.One;
            while (!StarkCurve.IsOnCurveX(r2)) r2 += Felt.One;
            Assert.False(Check(hash, pk, r2, sig.S));
        }
    }

    [Fact]
    public void Signatures_of_edge_hashes_pass()
    {
        var rng = new Random(7);
        var key = RandomKey(rng);
        var pk = Ecdsa.GetPublicKey(key);
        foreach (var hash in new[] { Felt.Zero, Felt.One, Ecdsa.MaxValue - Felt.One })
        {
            var sig = Ecdsa.Sign(key, hash);
            Assert.True(Check(hash, pk, sig.R, sig.S));
            // -s is a valid signature too for this scheme (x(±sR) is the same; corelib accepts it).
            var negS = Felt.FromBigIntegerReduced(StarkCurve.OrderInteger - sig.S.ToBigInteger());
            Assert.Equal(CorelibModel(hash, pk, sig.R, negS), Check(hash, pk, sig.R, negS));
        }
    }

    [Fact]
    public void Edge_cases_follow_corelib()
    {
        var rng = new Random(11);
        var key = RandomKey(rng);
        var pk = Ecdsa.GetPublicKey(key);
        var hash = RandomFelt(rng);
        var sig = Ecdsa.Sign(key, hash);
        var order = StarkCurve.Order;
        var pMinus1 = -Felt.One;
        var big = Ecdsa.MaxValue + Felt.FromUInt64(12345); // ≥ 2^251
        var offCurve = NotOnCurveX(rng);
        var cases = new (string Name, Felt Hash, Felt Pk, Felt R, Felt S, bool Expected)[]
        {
            ("s = 0", hash, pk, sig.R, Felt.Zero, false),
            ("s = N", hash, pk, sig.R, order, false),
            ("r = N", hash, pk, order, sig.S, false),
            ("r = 0", hash, pk, Felt.Zero, sig.S, false),
            ("r = s = 0", hash, pk, Felt.Zero, Felt.Zero, false),
            ("key not on the curve", hash, offCurve, sig.R, sig.S, false),
            ("key 0", hash, Felt.Zero, sig.R, sig.S, CorelibModel(hash, Felt.Zero, sig.R, sig.S)),
            ("r not on the curve", hash, pk, offCurve, sig.S, false),
            ("hash ≥ 2^251", big, pk, sig.R, sig.S, CorelibModel(big, pk, sig.R, sig.S)),
            ("hash = P − 1", pMinus1, pk, sig.R, sig.S, CorelibModel(pMinus1, pk, sig.R, sig.S)),
            ("s = P − 1", hash, pk, sig.R, pMinus1, CorelibModel(hash, pk, sig.R, pMinus1)),
            ("s ≥ 2^251", hash, pk, sig.R, big, CorelibModel(hash, pk, sig.R, big)),
            ("r ≥ 2^251", hash, pk, big, sig.S, CorelibModel(hash, pk, big, sig.S)),
            ("key = G.x, all small", Felt.One, StarkCurve.Generator.X, StarkCurve.Generator.X, Felt.One, CorelibModel(Felt.One, StarkCurve.Generator.X, StarkCurve.Generator.X, Felt.One)),
        };
        foreach (var c in cases)
        {
            Assert.True(Check(c.Hash, c.Pk, c.R, c.S) == c.Expected, $"{c.Name}: expected {c.Expected}");
        }
    }

    [Fact]
    public void Scalars_congruent_mod_the_order_are_accepted_as_corelib_does()
    {
        // Corelib does not range-check the hash: z + N (a felt when z < P − N) is the same scalar as z.
        var key = Felt.FromUInt64(0x1234567);
        var pk = Ecdsa.GetPublicKey(key);
        var hash = Felt.FromUInt64(42);
        var sig = Ecdsa.Sign(key, hash);
        var hashPlusN = hash + StarkCurve.Order;
        Assert.True(CorelibModel(hashPlusN, pk, sig.R, sig.S));
        Assert.True(Check(hashPlusN, pk, sig.R, sig.S));
    }

    [Fact]
    public void Random_garbage_matches_the_corelib_model()
    {
        var rng = new Random(13);
        for (int i = 0; i < 8; i++)
        {
            var (z, pk, r, s) = (RandomFelt(rng, 252), RandomFelt(rng, 252), RandomFelt(rng, 252), RandomFelt(rng, 252));
            if (i % 2 == 0) pk = Ecdsa.GetPublicKey(RandomKey(rng));
            if (i % 4 < 2)
            {
                while (!StarkCurve.IsOnCurveX(r)) r += Felt.One;
            }
            Assert.Equal(CorelibModel(z, pk, r, s), Check(z, pk, r, s));
        }
    }

    /// <summary>
    /// A lying FieldSqrt hint (its value replaced by an immediate, so that it returns the root of
    /// something else) cannot turn the point-from-x check either way: the run fails an assertion.
    /// </summary>
    [Fact]
    public void A_lying_square_root_hint_fails_the_run()
    {
        var rng = new Random(19);
        var key = RandomKey(rng);
        var pk = Ecdsa.GetPublicKey(key);
        var hash = RandomFelt(rng);
        var sig = Ecdsa.Sign(key, hash);
        var offCurve = NotOnCurveX(rng);
        // (public key, value the hint takes the root of instead of rhs(public key)):
        // 3·rhs for a key on the curve (so y² = 9·rhs, a false "not on the curve" attempt), and
        // 4·rhs for a key off the curve (so y² = 12·rhs, a false "on the curve" attempt).
        foreach (var (publicKey, lie) in new[]
        {
            (pk, StarkCurve.RightHandSide(pk) * Felt.FromUInt64(3)),
            (offCurve, StarkCurve.RightHandSide(offCurve) * Felt.FromUInt64(4)),
        })
        {
            bool first = true;
            var cls = Build(callCheck: true, json =>
            {
                if (!first || !json.Contains("FieldSqrt", StringComparison.Ordinal)) return json;
                first = false; // the first FieldSqrt in the bytecode is from_x's, whose first use is the public key
                int at = json.IndexOf("\"val\": ", StringComparison.Ordinal) + "\"val\": ".Length;
                int end = json.IndexOf("}, \"sqrt\"", at, StringComparison.Ordinal) + 1;
                return json[..at] + CasmBuilder.ImmediateJson(lie) + json[end..];
            });
            Assert.False(first, "the FieldSqrt hint was not found");
            var honest = Run(hash, publicKey, sig.R, sig.S);
            Assert.False(honest.Failed);
            bool failed;
            try
            {
                failed = Run(hash, publicKey, sig.R, sig.S, cls).Failed;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failed = true;
            }
            Assert.True(failed, $"a lying hint was accepted for key {publicKey}");
        }
    }

    [Fact]
    public void Resources_of_one_verification()
    {
        var rng = new Random(17);
        var key = RandomKey(rng);
        var pk = Ecdsa.GetPublicKey(key);
        var hash = RandomFelt(rng);
        var sig = Ecdsa.Sign(key, hash);
        var full = Run(hash, pk, sig.R, sig.S);
        var wrapper = Run(hash, pk, sig.R, sig.S, Empty.Value);
        Assert.False(full.Failed);
        Assert.Equal([Felt.One], full.Retdata);
        Assert.Equal(StarkEcdsaCasm.EcOpInstances, full.BuiltinInstances["ec_op"]);
        Assert.Equal(0, wrapper.BuiltinInstances["ec_op"]);
        long steps = full.Steps - wrapper.Steps;
        output.WriteLine($"one valid verification: {steps} Cairo steps, {full.BuiltinInstances["ec_op"]} ec_op (entry point total {full.Steps} steps)");
        var invalid = Run(hash, pk, sig.R, sig.S + Felt.One);
        output.WriteLine($"one invalid (full-path) verification: {invalid.Steps - wrapper.Steps} Cairo steps, {invalid.BuiltinInstances["ec_op"]} ec_op");
        var early = Run(hash, pk, sig.R, Felt.Zero);
        output.WriteLine($"an early-out (s = 0): {early.Steps - wrapper.Steps} Cairo steps, {early.BuiltinInstances["ec_op"]} ec_op (padded)");
        Assert.Equal(StarkEcdsaCasm.EcOpInstances, early.BuiltinInstances["ec_op"]);
        Assert.InRange(steps, 50, 600);
    }
}
