namespace Cairn.Execution.Transactions;

/// <summary>
/// The storage domain of a v3 transaction's nonce or fee balance (RPC <c>DA_MODE</c>). The numeric values
/// are the ones packed into the hash (starknet.md §4.1).
/// </summary>
public enum DataAvailabilityMode
{
    L1 = 0,
    L2 = 1,
}
