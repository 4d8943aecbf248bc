namespace Cairn.Execution.Transactions;

/// <summary>The transaction kinds (RPC <c>TXN_TYPE</c>).</summary>
public enum TransactionType
{
    Invoke,
    Declare,
    DeployAccount,
    L1Handler,
    Deploy,
}
