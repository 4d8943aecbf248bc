namespace Cairn.Execution.Transactions;

/// <summary>
/// The resource bounds of a v3 transaction (RPC <c>RESOURCE_BOUNDS_MAPPING</c>).
/// </summary>
/// <param name="L1Gas">Bound on L1 gas.</param>
/// <param name="L2Gas">Bound on L2 gas.</param>
/// <param name="L1DataGas">
/// Bound on L1 data (blob) gas. <c>null</c> only for historical transactions (before Starknet 0.13.3) that
/// carried two bounds: their hash covers only L1_GAS and L2_GAS (starknet.md §4.1). Every transaction
/// submitted through RPC ≥ 0.8 has all three.
/// </param>
public sealed record ResourceBoundsMapping(ResourceBounds L1Gas, ResourceBounds L2Gas, ResourceBounds? L1DataGas)
{
    /// <summary>All three bounds zero.</summary>
    public static ResourceBoundsMapping Zero { get; } = new(default, default, default(ResourceBounds));
}
