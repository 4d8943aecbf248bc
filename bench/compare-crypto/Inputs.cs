using System.Text.Json;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;

namespace Cairn.CompareCrypto;

/// <summary>
/// The benchmark inputs both sides read from one JSON file: random felts below 2^251, private keys,
/// message hashes, the public keys (x and the full point, since @scure/starknet verifies against a
/// point) and valid signatures, plus a few reference results the JS side checks before timing.
/// </summary>
public sealed class Inputs
{
    public const int FeltCount = 1024;
    public const int KeyCount = 64;
    public const int ManyLength = 10;
    public const int MulChainLength = 1000;

    public required ulong Seed { get; init; }
    public required Felt[] Felts { get; init; }
    public required Felt[] Keys { get; init; }
    public required Felt[] Messages { get; init; }
    public required Felt[] PublicX { get; init; }
    public required AffinePoint[] PublicPoints { get; init; }
    public required EcdsaSignature[] Signatures { get; init; }

    /// <summary>Deterministic inputs from <paramref name="seed"/> (SplitMix64, so any language can reproduce them).</summary>
    public static Inputs Generate(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var felts = new Felt[FeltCount];
        for (int i = 0; i < felts.Length; i++) felts[i] = rng.NextBelow2To251();
        var keys = new Felt[KeyCount];
        var msgs = new Felt[KeyCount];
        for (int i = 0; i < KeyCount; i++)
        {
            Felt k;
            do k = rng.NextBelow2To251(); while (k.IsZero); // 0 < k < 2^251 < N
            keys[i] = k;
            msgs[i] = rng.NextBelow2To251();
        }
        var pubX = new Felt[KeyCount];
        var points = new AffinePoint[KeyCount];
        var sigs = new EcdsaSignature[KeyCount];
        for (int i = 0; i < KeyCount; i++)
        {
            points[i] = Ecdsa.GetPublicPoint(keys[i]);
            pubX[i] = Ecdsa.GetPublicKey(keys[i]);
            sigs[i] = Ecdsa.Sign(keys[i], msgs[i]);
            if (!Ecdsa.Verify(pubX[i], msgs[i], sigs[i].R, sigs[i].S))
                throw new InvalidOperationException($"generated signature {i} does not verify");
        }
        return new Inputs { Seed = seed, Felts = felts, Keys = keys, Messages = msgs, PublicX = pubX, PublicPoints = points, Signatures = sigs };
    }

    public static string Hex(Felt f)
    {
        Span<byte> be = stackalloc byte[32];
        f.WriteBytesBE(be);
        return "0x" + Convert.ToHexStringLower(be);
    }

    public static Felt ParseHex(string s)
    {
        var digits = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? s[2..] : s;
        if (digits.Length % 2 == 1) digits = "0" + digits;
        return Felt.FromBytesBE(Convert.FromHexString(digits));
    }

    public static byte[] FeltBytes(Felt f)
    {
        var b = new byte[32];
        f.WriteBytesBE(b);
        return b;
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("seed", Seed);
        w.WriteString("generator", "splitmix64; felt = 4 words as little-endian limbs, top limb masked to 59 bits");
        WriteFelts(w, "felts", Felts);
        WriteFelts(w, "keys", Keys);
        WriteFelts(w, "msgs", Messages);
        WriteFelts(w, "pub_x", PublicX);
        w.WriteStartArray("pub_point");
        Span<byte> sec1 = stackalloc byte[65];
        foreach (var p in PublicPoints)
        {
            sec1[0] = 0x04;
            p.X.WriteBytesBE(sec1[1..33]);
            p.Y.WriteBytesBE(sec1[33..]);
            w.WriteStringValue(Convert.ToHexStringLower(sec1));
        }
        w.WriteEndArray();
        w.WriteStartArray("sigs");
        foreach (var s in Signatures)
        {
            w.WriteStartObject();
            w.WriteString("r", Hex(s.R));
            w.WriteString("s", Hex(s.S));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // Reference results for the JS side's cross-check (same inputs → same outputs).
        w.WriteStartObject("expected");
        w.WriteString("pedersen", Hex(Pedersen.Hash(Felts[0], Felts[1])));
        w.WriteString("poseidon", Hex(Poseidon.Hash(Felts[0], Felts[1])));
        w.WriteString("poseidon_many", Hex(Poseidon.HashMany(Felts.AsSpan(0, ManyLength))));
        Span<byte> digest = stackalloc byte[32];
        Keccak256.Hash(FeltBytes(Felts[0]), digest);
        w.WriteString("keccak256", "0x" + Convert.ToHexStringLower(digest));
        w.WriteString("public_key", Hex(PublicX[0]));
        Felt x = Felts[0];
        for (int i = 0; i < MulChainLength; i++) x *= Felts[1];
        w.WriteString("felt_mul_chain", Hex(x));
        w.WriteNumber("felt_mul_chain_length", MulChainLength);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFelts(Utf8JsonWriter w, string name, Felt[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(Hex(v));
        w.WriteEndArray();
    }

    public static Inputs Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        Felt[] Felts(string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => ParseHex(e.GetString()!))];
        var points = root.GetProperty("pub_point").EnumerateArray().Select(e =>
        {
            var b = Convert.FromHexString(e.GetString()!);
            if (b.Length != 65 || b[0] != 0x04) throw new FormatException("pub_point must be uncompressed SEC1 (65 bytes, 0x04 prefix)");
            return new AffinePoint(Felt.FromBytesBE(b.AsSpan(1, 32)), Felt.FromBytesBE(b.AsSpan(33, 32)));
        }).ToArray();
        var sigs = root.GetProperty("sigs").EnumerateArray()
            .Select(e => new EcdsaSignature(ParseHex(e.GetProperty("r").GetString()!), ParseHex(e.GetProperty("s").GetString()!)))
            .ToArray();
        var inputs = new Inputs
        {
            Seed = root.GetProperty("seed").GetUInt64(),
            Felts = Felts("felts"),
            Keys = Felts("keys"),
            Messages = Felts("msgs"),
            PublicX = Felts("pub_x"),
            PublicPoints = points,
            Signatures = sigs,
        };
        if (inputs.Felts.Length != FeltCount) throw new FormatException($"expected {FeltCount} felts");
        foreach (var arr in new[] { inputs.Keys.Length, inputs.Messages.Length, inputs.PublicX.Length, inputs.PublicPoints.Length, inputs.Signatures.Length })
        {
            if (arr != KeyCount) throw new FormatException($"expected {KeyCount} keys, messages, public keys and signatures");
        }
        return inputs;
    }

    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public Felt NextBelow2To251()
        {
            ulong l0 = Next(), l1 = Next(), l2 = Next(), l3 = Next() & ((1UL << 59) - 1);
            return Felt.FromLimbs(l0, l1, l2, l3);
        }
    }
}
