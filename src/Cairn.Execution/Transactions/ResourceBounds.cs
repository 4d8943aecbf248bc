namespace Cairn.Execution.Transactions;

/// <summary>The bound on one resource of a v3 transaction (RPC <c>RESOURCE_BOUNDS</c>: u64 amount, u128 price).</summary>
public readonly record struct ResourceBounds(ulong MaxAmount, UInt128 MaxPricePerUnit)
{
    public static ResourceBounds Zero => default;
}
