namespace Cairn.Chain;

/// <summary>The unit of a fee (RPC <c>PRICE_UNIT</c>): WEI (ETH, v0–v2 transactions and L1 handlers) or FRI (STRK, v3).</summary>
public enum PriceUnit
{
    Wei = 0,
    Fri = 1,
}
