namespace Cairn.Chain;

/// <summary>A block's three resource prices (RPC header <c>l1_gas_price</c>, <c>l1_data_gas_price</c>, <c>l2_gas_price</c>).</summary>
public readonly record struct GasPrices(GasPrice L1Gas, GasPrice L1DataGas, GasPrice L2Gas);
