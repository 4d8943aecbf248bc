namespace Cairn.Execution.Fees;

/// <summary>The unit of a fee (RPC <c>PRICE_UNIT</c>): WEI for L1 handlers, FRI (STRK) for v3 transactions.</summary>
public enum FeeUnit
{
    Wei,
    Fri,
}
