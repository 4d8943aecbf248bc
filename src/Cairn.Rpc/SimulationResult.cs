namespace Cairn.Rpc;

/// <summary>The results of <c>starknet_simulateTransactions</c> / <c>starknet_estimateFee</c>, one per transaction, in order.</summary>
public sealed record SimulationResult(IReadOnlyList<SimulatedTransaction> Transactions, RpcInitialReads? InitialReads = null);
