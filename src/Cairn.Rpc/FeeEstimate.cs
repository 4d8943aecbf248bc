using Cairn.Execution.Fees;

namespace Cairn.Rpc;

/// <summary>
/// RPC <c>FEE_ESTIMATE</c> (unit FRI) / <c>MESSAGE_FEE_ESTIMATE</c> (unit WEI): gas consumed per kind, the prices used, and
/// <c>overall_fee</c> = l1·p1 + l1_data·pd + l2·p2.
/// </summary>
public sealed record FeeEstimate(GasVector Gas, UInt128 L1GasPrice, UInt128 L1DataGasPrice, UInt128 L2GasPrice, UInt128 OverallFee, FeeUnit Unit)
{
    /// <summary>The estimate for <paramref name="gas"/> at <paramref name="prices"/> in <paramref name="unit"/> (no tip).</summary>
    public static FeeEstimate From(GasVector gas, GasPrices prices, FeeUnit unit)
    {
        var (p1, pd, p2) = prices.For(unit);
        return new FeeEstimate(gas, p1, pd, p2, gas.Cost(prices, unit), unit);
    }
}
