using Cairn.Primitives;

namespace Cairn.Execution.Transactions;

/// <summary>
/// A Starknet transaction as users send it (the JSON-RPC 0.10 shapes): the fields that enter its hash plus
/// the signature. The subclasses are one per type and version.
/// </summary>
public abstract record Transaction
{
    /// <summary>2^128: the bit added to the version of query-only transactions (starknet.md §4.1).</summary>
    public static readonly Felt QueryVersionBase = Felt.FromLimbs(0, 0, 1, 0);

    public abstract TransactionType Type { get; }

    /// <summary>The transaction version without the query bit (0, 1, 2 or 3).</summary>
    public abstract int Version { get; }

    /// <summary>
    /// A query-only transaction (sent to estimateFee / simulate): its hash uses version 2^128 + <see cref="Version"/>.
    /// </summary>
    public bool IsQuery { get; init; }

    /// <summary>The signature (empty for L1_HANDLER and DEPLOY).</summary>
    public ReadOnlyMemory<Felt> Signature { get; init; }

    /// <summary>The version felt that enters the hash: <see cref="Version"/>, plus 2^128 for a query.</summary>
    public Felt HashVersion => IsQuery ? QueryVersionBase + Felt.FromUInt64((ulong)Version) : Felt.FromUInt64((ulong)Version);
}
