using System.Globalization;

namespace Cairn.Rpc;

/// <summary>An Ethereum transaction hash (256 bits, RPC <c>L1_TXN_HASH</c>), which need not fit a felt.</summary>
public readonly record struct L1TransactionHash(UInt128 High, UInt128 Low)
{
    /// <summary>Parses <c>0x</c> + up to 64 hex digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out L1TransactionHash value)
    {
        value = default;
        if (text.Length < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return false;
        var digits = text[2..];
        if (digits.Length > 64) return false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }

        var split = Math.Max(0, digits.Length - 32);
        UInt128 high = 0, low;
        if (split > 0 && !UInt128.TryParse(digits[..split], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out high)) return false;
        if (!UInt128.TryParse(digits[split..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out low)) return false;
        value = new L1TransactionHash(high, low);
        return true;
    }

    /// <summary>Lower-case <c>0x</c> hex without leading zeros.</summary>
    public override string ToString() =>
        High == 0 ? "0x" + Low.ToString("x", CultureInfo.InvariantCulture)
                  : "0x" + High.ToString("x", CultureInfo.InvariantCulture) + Low.ToString("x32", CultureInfo.InvariantCulture);
}
