using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cairn.Primitives;

namespace Cairn.Chain;

/// <summary>
/// A Starknet protocol version such as <c>0.14.1</c> (two to four dot-separated numbers). Its text enters the block
/// hash as a short string (spec §8.8), and comparisons select the hashing rules of a block.
/// </summary>
public readonly struct StarknetVersion : IEquatable<StarknetVersion>, IComparable<StarknetVersion>
{
    /// <summary>The first version of STARKNET_BLOCK_HASH0 and Poseidon commitments.</summary>
    public static readonly StarknetVersion V0_13_2 = Parse("0.13.2");

    /// <summary>The first version of STARKNET_BLOCK_HASH1 and empty transaction signatures staying empty.</summary>
    public static readonly StarknetVersion V0_13_4 = Parse("0.13.4");

    public static readonly StarknetVersion V0_14_0 = Parse("0.14.0");

    /// <summary>The version Cairn produces blocks with.</summary>
    public static readonly StarknetVersion V0_14_1 = Parse("0.14.1");

    private readonly string? _text;
    private readonly long _packed;

    private StarknetVersion(string text, long packed)
    {
        _text = text;
        _packed = packed;
    }

    /// <summary>The version as written (e.g. <c>0.14.1</c>).</summary>
    public string Text => _text ?? "0.0.0";

    /// <summary><c>felt(text)</c>, the element of the block hash.</summary>
    public Felt ToFelt() => Felt.FromShortString(Text);

    public static StarknetVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a Starknet version (like 0.14.1)");

    public static bool TryParse([NotNullWhen(true)] string? text, out StarknetVersion version)
    {
        version = default;
        if (text is null || text.Length > 31) return false;
        var parts = text.Split('.');
        if (parts.Length is < 2 or > 4) return false;
        long packed = 0;
        for (var i = 0; i < 4; i++)
        {
            ushort n = 0;
            if (i < parts.Length && !ushort.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out n)) return false;
            packed = (packed << 16) | n;
        }

        version = new StarknetVersion(text, packed);
        return true;
    }

    public int CompareTo(StarknetVersion other) => _packed.CompareTo(other._packed);

    /// <summary>Versions are equal when their numbers are (<c>0.14</c> equals <c>0.14.0</c>).</summary>
    public bool Equals(StarknetVersion other) => _packed == other._packed;

    public override bool Equals(object? obj) => obj is StarknetVersion v && Equals(v);

    public override int GetHashCode() => _packed.GetHashCode();

    public override string ToString() => Text;

    public static bool operator ==(StarknetVersion a, StarknetVersion b) => a.Equals(b);

    public static bool operator !=(StarknetVersion a, StarknetVersion b) => !a.Equals(b);

    public static bool operator <(StarknetVersion a, StarknetVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(StarknetVersion a, StarknetVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(StarknetVersion a, StarknetVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(StarknetVersion a, StarknetVersion b) => a.CompareTo(b) >= 0;
}
