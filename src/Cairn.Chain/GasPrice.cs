using Cairn.Execution.Fees;
using Cairn.Primitives;

namespace Cairn.Chain;

/// <summary>The price of one unit of a resource in both currencies (RPC <c>RESOURCE_PRICE</c>: <c>price_in_wei</c>, <c>price_in_fri</c>).</summary>
public readonly record struct GasPrice(UInt128 Wei, UInt128 Fri)
{
    public Felt WeiFelt => Felt.FromUInt128(Wei);

    public Felt FriFelt => Felt.FromUInt128(Fri);

    /// <summary>The price in the given unit.</summary>
    public UInt128 In(FeeUnit unit) => unit == FeeUnit.Wei ? Wei : Fri;
}
