using Cairn.Execution.Transactions;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc.Server;

/// <summary>The <c>sender_address</c> filter of the transaction subscriptions (empty: any sender).</summary>
public sealed class SenderFilter(IReadOnlyList<ContractAddress> senders)
{
    private readonly HashSet<ContractAddress> _senders = [.. senders];

    /// <summary>Whether the transaction's sender passes; <paramref name="deployed"/> is a DEPLOY_ACCOUNT's address (its sender).</summary>
    public bool Matches(Transaction tx, ContractAddress? deployed = null) =>
        _senders.Count == 0 || ((SenderOf(tx) ?? deployed) is { } s && _senders.Contains(s));

    /// <summary>The account a transaction is sent from (the deployed address for DEPLOY_ACCOUNT; none for L1_HANDLER/DEPLOY).</summary>
    public static ContractAddress? SenderOf(Transaction tx) => tx switch
    {
        InvokeTransactionV3 t => new ContractAddress(t.SenderAddress),
        DeclareTransactionV3 t => new ContractAddress(t.SenderAddress),
        InvokeTransactionV1 t => new ContractAddress(t.SenderAddress),
        InvokeTransactionV0 t => new ContractAddress(t.ContractAddress),
        DeclareTransactionLegacy t => new ContractAddress(t.SenderAddress),
        _ => null,
    };
}
