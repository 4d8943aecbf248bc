using System.Text;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Executor;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.Trie;

namespace Cairn.Chain.Commitments;

/// <summary>
/// The block commitments of spec §8.2–8.5: leaves and the height-64 Poseidon roots over them
/// (<see cref="CommitmentTree"/>), the state-diff commitment and length.
/// </summary>
/// <remarks>Source: starkware-libs/sequencer crates/starknet_api/src/block_hash/*.rs.</remarks>
public static class BlockCommitmentCalculator
{
    /// <summary><c>felt("STARKNET_STATE_DIFF0")</c>.</summary>
    public static readonly Felt StateDiffPrefix = Felt.FromShortString("STARKNET_STATE_DIFF0");

    /// <summary>Lists at least this long compute their leaves in parallel.</summary>
    private const int ParallelLeaves = 256;

    // ---- transactions (§8.2) ---------------------------------------------------------------------

    /// <summary>
    /// <c>poseidon_many([tx_hash, signature…])</c>; before 0.13.4 (<paramref name="emptySignatureAsZero"/>) an
    /// empty signature is hashed as <c>[0]</c>.
    /// </summary>
    public static Felt TransactionLeaf(TxHash hash, ReadOnlySpan<Felt> signature, bool emptySignatureAsZero = false)
    {
        if (signature.IsEmpty)
        {
            return emptySignatureAsZero ? Poseidon.HashMany([hash.Value, Felt.Zero]) : Poseidon.HashMany([hash.Value]);
        }

        Span<Felt> buffer = signature.Length <= 63 ? stackalloc Felt[signature.Length + 1] : new Felt[signature.Length + 1];
        buffer[0] = hash.Value;
        signature.CopyTo(buffer[1..]);
        return Poseidon.HashMany(buffer);
    }

    /// <summary>The transaction commitment of <paramref name="version"/>'s rules (≥ 0.13.2).</summary>
    public static Felt TransactionCommitment(IReadOnlyList<TxHash> hashes, IReadOnlyList<ReadOnlyMemory<Felt>> signatures, StarknetVersion version)
    {
        if (hashes.Count != signatures.Count) throw new ArgumentException("one signature per transaction hash", nameof(signatures));
        RequirePoseidonEra(version);
        var zero = version < StarknetVersion.V0_13_4;
        var leaves = Leaves(hashes.Count, i => TransactionLeaf(hashes[i], signatures[i].Span, zero));
        return CommitmentTree.Root(leaves);
    }

    // ---- events (§8.3) --------------------------------------------------------------------------

    /// <summary><c>poseidon_many([from_address, tx_hash, n_keys, keys…, n_data, data…])</c>.</summary>
    public static Felt EventLeaf(ContractAddress fromAddress, TxHash hash, IReadOnlyList<Felt> keys, IReadOnlyList<Felt> data)
    {
        var length = 4 + keys.Count + data.Count;
        var buffer = length <= 64 ? stackalloc Felt[length] : new Felt[length];
        buffer[0] = fromAddress.Value;
        buffer[1] = hash.Value;
        buffer[2] = (ulong)keys.Count;
        var at = 3;
        for (var i = 0; i < keys.Count; i++) buffer[at++] = keys[i];
        buffer[at++] = (ulong)data.Count;
        for (var i = 0; i < data.Count; i++) buffer[at++] = data[i];
        return Poseidon.HashMany(buffer);
    }

    /// <summary>The event commitment over the receipts' events in block order, and the event count.</summary>
    public static (Felt Commitment, ulong Count) EventCommitment(IReadOnlyList<Receipt> receipts)
    {
        var refs = new List<(TxHash Hash, ReceiptEvent Event)>();
        foreach (var receipt in receipts)
        {
            foreach (var e in receipt.Events) refs.Add((receipt.TransactionHash, e));
        }

        var leaves = Leaves(refs.Count, i => EventLeaf(refs[i].Event.FromAddress, refs[i].Hash, refs[i].Event.Keys, refs[i].Event.Data));
        return (CommitmentTree.Root(leaves), (ulong)refs.Count);
    }

    // ---- receipts (§8.4) ------------------------------------------------------------------------

    /// <summary><c>poseidon_many([n_msgs, (from, to, payload_len, payload…)…])</c>.</summary>
    public static Felt MessagesHash(IReadOnlyList<ReceiptMessage> messages)
    {
        var values = new List<Felt>(1 + (messages.Count * 4)) { (ulong)messages.Count };
        foreach (var m in messages)
        {
            values.Add(m.FromAddress.Value);
            values.Add(m.ToAddress);
            values.Add((ulong)m.Payload.Count);
            values.AddRange(m.Payload);
        }

        return Poseidon.HashMany(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
    }

    /// <summary>0 for a successful transaction, else <c>sn_keccak(ASCII revert_reason)</c>.</summary>
    public static Felt RevertReasonHash(ExecutionStatus status, string? revertReason) =>
        status == ExecutionStatus.Succeeded ? Felt.Zero : StarknetKeccak.Hash(Encoding.UTF8.GetBytes(revertReason ?? ""));

    /// <summary><c>poseidon_many([tx_hash, actual_fee, messages_hash, revert_hash, 0, l1_gas, l1_data_gas])</c>.</summary>
    public static Felt ReceiptLeaf(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Poseidon.HashMany([
            receipt.TransactionHash.Value,
            receipt.ActualFee.Amount,
            MessagesHash(receipt.Messages),
            RevertReasonHash(receipt.ExecutionStatus, receipt.RevertReason),
            Felt.Zero,
            receipt.ExecutionResources.L1Gas,
            receipt.ExecutionResources.L1DataGas,
        ]);
    }

    public static Felt ReceiptCommitment(IReadOnlyList<Receipt> receipts) =>
        CommitmentTree.Root(Leaves(receipts.Count, i => ReceiptLeaf(receipts[i])));

    // ---- state diff (§8.5) ----------------------------------------------------------------------

    /// <summary>The state-diff commitment (STARKNET_STATE_DIFF0) and <c>state_diff_length</c>.</summary>
    public static (Felt Commitment, ulong Length) StateDiffCommitment(BlockStateDiff stateDiff)
    {
        ArgumentNullException.ThrowIfNull(stateDiff);
        var diff = stateDiff.Diff;
        var values = new List<Felt> { StateDiffPrefix };

        // Deployed contracts and replaced classes: both set the class hash at an address (replacement wins).
        var updated = new SortedDictionary<Felt, Felt>();
        foreach (var (address, classHash) in diff.DeployedContracts) updated[address.Value] = classHash.Value;
        foreach (var (address, classHash) in diff.ReplacedClasses) updated[address.Value] = classHash.Value;
        values.Add((ulong)updated.Count);
        foreach (var (address, classHash) in updated)
        {
            values.Add(address);
            values.Add(classHash);
        }

        var declared = new SortedDictionary<Felt, Felt>();
        foreach (var (classHash, compiled) in diff.DeclaredClasses) declared[classHash.Value] = compiled.Value;
        foreach (var (classHash, compiled) in stateDiff.MigratedCompiledClasses) declared[classHash.Value] = compiled.Value;
        values.Add((ulong)declared.Count);
        foreach (var (classHash, compiled) in declared)
        {
            values.Add(classHash);
            values.Add(compiled);
        }

        var deprecated = stateDiff.DeprecatedDeclaredClasses.Select(c => c.Value).Distinct().Order().ToList();
        values.Add((ulong)deprecated.Count);
        values.AddRange(deprecated);

        values.Add(Felt.One);
        values.Add(Felt.Zero);

        var contracts = diff.StorageDiffs.Where(kv => kv.Value.Count != 0).OrderBy(kv => kv.Key).ToList();
        values.Add((ulong)contracts.Count);
        ulong storageEntries = 0;
        foreach (var (address, slots) in contracts)
        {
            values.Add(address.Value);
            values.Add((ulong)slots.Count);
            storageEntries += (ulong)slots.Count;
            foreach (var (key, value) in slots.OrderBy(kv => kv.Key))
            {
                values.Add(key.Value);
                values.Add(value);
            }
        }

        values.Add((ulong)diff.Nonces.Count);
        foreach (var (address, nonce) in diff.Nonces.OrderBy(kv => kv.Key))
        {
            values.Add(address.Value);
            values.Add(nonce.Value);
        }

        var length = (ulong)updated.Count + (ulong)declared.Count + (ulong)deprecated.Count + (ulong)diff.Nonces.Count + storageEntries;
        return (Poseidon.HashMany(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values)), length);
    }

    // ---- all of a block -------------------------------------------------------------------------

    /// <summary>Every commitment and count of a block's header, by <paramref name="version"/>'s rules.</summary>
    public static BlockCommitments Compute(
        IReadOnlyList<Execution.Transactions.Transaction> transactions, IReadOnlyList<Receipt> receipts, BlockStateDiff stateDiff, StarknetVersion version)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(receipts);
        if (transactions.Count != receipts.Count)
        {
            throw new ArgumentException($"{transactions.Count} transactions but {receipts.Count} receipts", nameof(receipts));
        }

        var hashes = receipts.Select(r => r.TransactionHash).ToArray();
        var signatures = transactions.Select(t => t.Signature).ToArray();
        Felt txCommitment = default, receiptCommitment = default, eventCommitment = default, stateDiffCommitment = default;
        ulong eventCount = 0, stateDiffLength = 0;
        Parallel.Invoke(
            () => txCommitment = TransactionCommitment(hashes, signatures, version),
            () => (eventCommitment, eventCount) = EventCommitment(receipts),
            () => receiptCommitment = ReceiptCommitment(receipts),
            () => (stateDiffCommitment, stateDiffLength) = StateDiffCommitment(stateDiff));
        return new BlockCommitments(txCommitment, eventCommitment, receiptCommitment, stateDiffCommitment,
            (ulong)transactions.Count, eventCount, stateDiffLength);
    }

    private static void RequirePoseidonEra(StarknetVersion version)
    {
        if (version < StarknetVersion.V0_13_2)
        {
            throw new NotSupportedException($"Starknet {version} used Pedersen commitments (before 0.13.2); only 0.13.2 and later are supported.");
        }
    }

    private static Felt[] Leaves(int count, Func<int, Felt> leaf)
    {
        var leaves = new Felt[count];
        if (count >= ParallelLeaves)
        {
            Parallel.For(0, count, i => leaves[i] = leaf(i));
        }
        else
        {
            for (var i = 0; i < count; i++) leaves[i] = leaf(i);
        }

        return leaves;
    }
}
