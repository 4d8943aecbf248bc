using System.Text.Json;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Crypto.Tests.Signatures;

public class EcdsaTests
{
    private static Felt NextKey(RandomFelts rnd)
    {
        while (true)
        {
            var k = rnd.NextMixed();
            if (!k.IsZero && k < StarkCurve.Order) return k;
        }
    }

    [Fact]
    public void Public_keys_match_scure()
    {
        var rnd = new RandomFelts(301);
        var keys = new List<Felt> { 1, 2, StarkCurve.Order - Felt.One, StarkCurve.Order - Felt.Two };
        for (int i = 0; i < 500; i++) keys.Add(NextKey(rnd));
        var expected = ScureOracle.Shared.Call("public_key", keys.Select(k => new[] { k.ToString() }).ToArray());
        for (int i = 0; i < keys.Count; i++) Assert.Equal(expected[i], Ecdsa.GetPublicKey(keys[i]).ToString());
    }

    [Fact]
    public void Signatures_match_scure_byte_for_byte()
    {
        var rnd = new RandomFelts(302);
        var cases = new List<(Felt Key, Felt Hash)>
        {
            (1, 0), (1, 1), (StarkCurve.Order - Felt.One, Ecdsa.MaxValue - Felt.One),
            // 63 hex digits (the 4-bit shift path of bits2int) and short hashes
            (7, Felt.Parse("0x2102820b232636d200cb21f1d330f20d096cae09d1bf3edb1cc333ddee11318")),
            (7, Felt.Parse("0x102820b232636d200cb21f1d330f20d096cae09d1bf3edb1cc333ddee11318")),
        };
        for (int i = 0; i < 500; i++)
        {
            var hash = i % 5 == 0 ? Felt.FromUInt64((ulong)rnd.NextInt(1 << 30)) : rnd.NextBelow251();
            cases.Add((NextKey(rnd), hash));
        }
        var expected = ScureOracle.Shared.CallJson("sign", cases.Select(c => new[] { c.Key.ToString(), c.Hash.ToString() }).ToArray());
        for (int i = 0; i < cases.Count; i++)
        {
            var sig = Ecdsa.Sign(cases[i].Key, cases[i].Hash);
            Assert.True(expected[i].GetProperty("r").GetString() == sig.R.ToString(), $"r for key {cases[i].Key} hash {cases[i].Hash}");
            Assert.Equal(expected[i].GetProperty("s").GetString(), sig.S.ToString());
        }
    }

    [Fact]
    public void Verify_agrees_with_scure_on_valid_tampered_and_random_signatures()
    {
        var rnd = new RandomFelts(303);
        var cases = new List<string[]>();
        var ours = new List<bool>();
        for (int i = 0; i < 300; i++)
        {
            var key = NextKey(rnd);
            var pub = Ecdsa.GetPublicKey(key);
            var hash = rnd.NextBelow251();
            var sig = Ecdsa.Sign(key, hash);
            Felt r = sig.R, s = sig.S, h = hash, q = pub;
            switch (i % 6)
            {
                case 1: h += Felt.One; break;
                case 2: r = rnd.NextBelow251(); break;
                case 3: s = ScalarFieldHelpers.Negate(s); break; // the other s (not low-s normalised) must fail
                case 4: q = Ecdsa.GetPublicKey(NextKey(rnd)); break;
                case 5: r = rnd.NextBelow251(); s = NextKey(rnd); h = rnd.NextBelow251(); break;
            }
            cases.Add([q.ToString(), h.ToString(), r.ToString(), s.ToString()]);
            ours.Add(Ecdsa.Verify(q, h, r, s));
        }
        var expected = ScureOracle.Shared.Call("verify", cases);
        for (int i = 0; i < cases.Count; i++)
        {
            Assert.True(expected[i] == (ours[i] ? "true" : "false"), $"verify({string.Join(", ", cases[i])}) case {i % 6}");
        }
        // The untampered signatures verify.
        for (int i = 0; i < cases.Count; i += 6) Assert.True(ours[i]);
    }

    [Fact]
    public void Signatures_of_scure_verify_here()
    {
        var rnd = new RandomFelts(304);
        var req = new List<string[]>();
        var keys = new List<Felt>();
        for (int i = 0; i < 100; i++)
        {
            var k = NextKey(rnd);
            keys.Add(k);
            req.Add([k.ToString(), rnd.NextBelow251().ToString()]);
        }
        var sigs = ScureOracle.Shared.CallJson("sign", req);
        for (int i = 0; i < req.Count; i++)
        {
            Assert.True(Ecdsa.Verify(Ecdsa.GetPublicKey(keys[i]), Felt.Parse(req[i][1]),
                Felt.Parse(sigs[i].GetProperty("r").GetString()), Felt.Parse(sigs[i].GetProperty("s").GetString())));
        }
    }

    [Fact]
    public void Out_of_range_inputs_are_rejected_not_wrongly_accepted()
    {
        var key = (Felt)12345;
        var pub = Ecdsa.GetPublicKey(key);
        var hash = (Felt)777;
        var sig = Ecdsa.Sign(key, hash);
        Assert.True(Ecdsa.Verify(pub, hash, sig.R, sig.S));
        Assert.False(Ecdsa.Verify(pub, hash, Felt.Zero, sig.S));
        Assert.False(Ecdsa.Verify(pub, hash, sig.R, Felt.Zero));
        Assert.False(Ecdsa.Verify(pub, hash, sig.R, StarkCurve.Order));
        Assert.False(Ecdsa.Verify(pub, hash, Ecdsa.MaxValue, sig.S));
        Assert.False(Ecdsa.Verify(pub, Ecdsa.MaxValue, sig.R, sig.S));
        // An x with no curve point.
        Felt offCurve = 0;
        while (StarkCurve.IsOnCurveX(offCurve)) offCurve += Felt.One;
        Assert.False(Ecdsa.Verify(offCurve, hash, sig.R, sig.S));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ecdsa.Sign(Felt.Zero, hash));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ecdsa.Sign(StarkCurve.Order, hash));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ecdsa.Sign(key, Ecdsa.MaxValue));
    }

    [Fact]
    public void Signing_is_deterministic()
    {
        Assert.Equal(Ecdsa.Sign(99, 1234), Ecdsa.Sign(99, 1234));
        Assert.NotEqual(Ecdsa.Sign(99, 1234), Ecdsa.Sign(99, 1235));
    }
}

internal static class ScalarFieldHelpers
{
    public static Felt Negate(Felt s) => Felt.FromBigInteger(StarkCurve.OrderInteger - s.ToBigInteger());
}
