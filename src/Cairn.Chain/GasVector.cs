namespace Cairn.Chain;

/// <summary>
/// Gas amounts per resource: a receipt's total consumption (RPC <c>EXECUTION_RESOURCES</c>, feeder-gateway
/// <c>execution_resources.total_gas_consumed</c>). The receipt leaf hashes <see cref="L1Gas"/> and
/// <see cref="L1DataGas"/> (spec §8.4).
/// </summary>
public readonly record struct GasVector(ulong L1Gas, ulong L1DataGas, ulong L2Gas);
