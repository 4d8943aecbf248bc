namespace Cairn.Execution.Fees;

/// <summary>The block's gas prices per unit, in wei and in fri (RPC <c>l1_gas_price</c>, <c>l1_data_gas_price</c>, <c>l2_gas_price</c>).</summary>
public sealed record GasPrices(
    UInt128 L1GasWei,
    UInt128 L1GasFri,
    UInt128 L1DataGasWei,
    UInt128 L1DataGasFri,
    UInt128 L2GasWei,
    UInt128 L2GasFri)
{
    /// <summary>Devnet defaults (the order of magnitude of Starknet Sepolia): 1 gwei / 1e9 fri L1, 1e3 data, 1e9/1e8… per unit.</summary>
    public static GasPrices Default { get; } = new(
        L1GasWei: 1_000_000_000, L1GasFri: 1_000_000_000_000,
        L1DataGasWei: 1_000, L1DataGasFri: 1_000_000,
        L2GasWei: 1_000, L2GasFri: 1_000_000);

    /// <summary>(l1, l1 data, l2) prices in <paramref name="unit"/>.</summary>
    public (UInt128 L1, UInt128 L1Data, UInt128 L2) For(FeeUnit unit) =>
        unit == FeeUnit.Wei ? (L1GasWei, L1DataGasWei, L2GasWei) : (L1GasFri, L1DataGasFri, L2GasFri);
}
