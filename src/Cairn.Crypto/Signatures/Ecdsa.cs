using System.Buffers.Binary;
using System.Security.Cryptography;
using Cairn.Crypto.Curve;
using Cairn.Primitives;

namespace Cairn.Crypto.Signatures;

/// <summary>
/// Stark-curve ECDSA as Starknet uses it: deterministic nonces by RFC 6979 (HMAC-SHA256), no low-s
/// normalisation, message hashes and r below 2^251, public keys given by x only.
/// </summary>
/// <remarks>
/// Nonce derivation follows @scure/starknet: seed = int2octets(d) ‖ int2octets(h); each 32-byte
/// HMAC-DRBG output T gives k = bits2int(T) where leading zero bytes are dropped first and the rest is
/// shifted right by (8·len − 252) bits when positive; k must lie in [1, N). r = x(k·G) mod N,
/// s = k⁻¹(h + r·d) mod N.
/// </remarks>
public static class Ecdsa
{
    /// <summary>2^251: message hashes and r must be below it, and so must s⁻¹ mod N.</summary>
    public static readonly Felt MaxValue = Felt.FromLimbs(0, 0, 0, 0x0800000000000000UL);

    /// <summary>The Stark public key (the x of d·G) of a private key d in [1, N).</summary>
    public static Felt GetPublicKey(Felt privateKey)
    {
        if (!ScalarField.IsValidScalar(privateKey)) throw new ArgumentOutOfRangeException(nameof(privateKey), "private key must be in [1, N)");
        return StarkCurve.MultiplyGenerator(privateKey).AffineX();
    }

    /// <summary>The full public point d·G.</summary>
    public static AffinePoint GetPublicPoint(Felt privateKey)
    {
        if (!ScalarField.IsValidScalar(privateKey)) throw new ArgumentOutOfRangeException(nameof(privateKey), "private key must be in [1, N)");
        return StarkCurve.MultiplyGenerator(privateKey).ToAffine();
    }

    /// <summary>A fresh random private key in [1, N).</summary>
    public static Felt NewPrivateKey()
    {
        Span<byte> buf = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(buf);
            buf[0] &= 0x0F; // below 2^252, then reject ≥ N
            if (Felt.TryFromBytesBE(buf, out var k) && ScalarField.IsValidScalar(k)) return k;
        }
    }

    /// <summary>Signs a message hash (below 2^251) with RFC 6979 deterministic nonces.</summary>
    public static EcdsaSignature Sign(Felt privateKey, Felt messageHash)
    {
        if (!ScalarField.IsValidScalar(privateKey)) throw new ArgumentOutOfRangeException(nameof(privateKey), "private key must be in [1, N)");
        if (messageHash >= MaxValue) throw new ArgumentOutOfRangeException(nameof(messageHash), "message hash must be below 2^251");

        Span<byte> seed = stackalloc byte[64];
        privateKey.WriteBytesBE(seed);
        messageHash.WriteBytesBE(seed[32..]);

        // HMAC-DRBG (RFC 6979 §3.2 steps b–h).
        Span<byte> v = stackalloc byte[32];
        Span<byte> key = stackalloc byte[32];
        Span<byte> msg = stackalloc byte[32 + 1 + 64];
        v.Fill(0x01);
        key.Clear();
        Reseed(key, v, msg, seed);

        Felt h = messageHash; // h < 2^251 < N
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            HMACSHA256.HashData(key, v, v);
            Felt k = Bits2Int(v);
            if (ScalarField.IsValidScalar(k))
            {
                Felt x = StarkCurve.MultiplyGenerator(k).AffineX();
                Felt r = ScalarField.Reduce(x);
                if (!r.IsZero)
                {
                    Felt s = ScalarField.Mul(ScalarField.Inverse(k), ScalarField.Add(h, ScalarField.Mul(r, privateKey)));
                    if (!s.IsZero && r < MaxValue && ScalarField.Inverse(s) < MaxValue) return new EcdsaSignature(r, s);
                }
            }
            // k = HMAC(k, v ‖ 0x00); v = HMAC(k, v)
            v.CopyTo(msg);
            msg[32] = 0x00;
            HMACSHA256.HashData(key, msg[..33], key);
            HMACSHA256.HashData(key, v, v);
        }
        throw new CryptographicException("RFC 6979 nonce generation did not converge");
    }

    private static void Reseed(Span<byte> key, Span<byte> v, Span<byte> msg, ReadOnlySpan<byte> seed)
    {
        v.CopyTo(msg);
        seed.CopyTo(msg[33..]);
        msg[32] = 0x00;
        HMACSHA256.HashData(key, msg, key);
        HMACSHA256.HashData(key, v, v);
        v.CopyTo(msg);
        msg[32] = 0x01;
        HMACSHA256.HashData(key, msg, key);
        HMACSHA256.HashData(key, v, v);
    }

    // bits2int as @scure/starknet defines it for a 252-bit order.
    private static Felt Bits2Int(ReadOnlySpan<byte> t)
    {
        int first = 0;
        while (first < t.Length && t[first] == 0) first++;
        var bytes = t[first..];
        int delta = bytes.Length * 8 - 252;
        ulong l3 = 0, l2 = 0, l1 = 0, l0 = 0;
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        bytes.CopyTo(buf[(32 - bytes.Length)..]);
        l3 = BinaryPrimitives.ReadUInt64BigEndian(buf);
        l2 = BinaryPrimitives.ReadUInt64BigEndian(buf[8..]);
        l1 = BinaryPrimitives.ReadUInt64BigEndian(buf[16..]);
        l0 = BinaryPrimitives.ReadUInt64BigEndian(buf[24..]);
        if (delta > 0)
        {
            // delta is 4 (32 bytes); shift the 256-bit value right by it.
            l0 = (l0 >> delta) | (l1 << (64 - delta));
            l1 = (l1 >> delta) | (l2 << (64 - delta));
            l2 = (l2 >> delta) | (l3 << (64 - delta));
            l3 >>= delta;
        }
        // Below 2^252 here; values ≥ P are ≥ N and are rejected by the caller anyway.
        return Felt.TryFromLimbs(l0, l1, l2, l3, out var k) ? k : default;
    }

    /// <summary>
    /// Verifies a signature against a public key given by its x only: true when x(w·(h·G ± r·Q)) equals r
    /// (mod N) for either point Q with that x, w = s⁻¹ mod N. Out-of-range values give false.
    /// </summary>
    /// <remarks>
    /// Q's y comes from a square root (table-driven, ~20 µs); then A = u1·G from the generator table and
    /// B = u2·Q by wNAF, and both A + B and A − B are compared with r projectively (no inversion).
    /// </remarks>
    public static bool Verify(Felt publicKeyX, Felt messageHash, Felt r, Felt s)
    {
        if (r.IsZero || r >= MaxValue) return false;
        if (!ScalarField.IsValidScalar(s)) return false;
        if (messageHash >= MaxValue) return false;
        if (!StarkCurve.TryRecoverY(publicKeyX, out var y)) return false; // x is not on the curve
        Felt w = ScalarField.Inverse(s);
        if (w >= MaxValue) return false;
        Felt u1 = ScalarField.Mul(messageHash, w);
        Felt u2 = ScalarField.Mul(r, w);

        var b = StarkCurve.Multiply(new AffinePoint(publicKeyX, y), u2);
        var a = u1.IsZero ? ProjectivePoint.Infinity : StarkCurve.MultiplyGenerator(u1);
        return MatchesR(a.Add(b), r) || MatchesR(a.Add(b.Negate()), r);
    }

    /// <summary>x(R) ≡ r (mod N), compared as X = r·Z² (and (r + N)·Z² when r + N is below P).</summary>
    private static bool MatchesR(in ProjectivePoint point, Felt r)
    {
        if (point.IsInfinity) return false;
        Felt zz = point.Z.Square();
        if (point.X == r * zz) return true;
        return ScalarField.TryAddOrder(r, out var rPlusN) && point.X == rPlusN * zz;
    }
}
