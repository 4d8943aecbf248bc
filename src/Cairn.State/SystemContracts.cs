using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.State;

/// <summary>
/// The OS-reserved contracts of spec §7.6: the block-hash table at <c>0x1</c> and the alias contract at
/// <c>0x2</c> (stateful compression). Their writes belong to the block's state diff; these helpers add them to a
/// <see cref="StateDiff"/> before it is committed.
/// </summary>
public static class SystemContracts
{
    /// <summary><c>block_hash_contract_address</c>.</summary>
    public static readonly ContractAddress BlockHashContract = new(0x1UL);

    /// <summary><c>alias_contract_address</c>.</summary>
    public static readonly ContractAddress AliasContract = new(0x2UL);

    /// <summary><c>reserved_contract_address</c>.</summary>
    public static readonly ContractAddress ReservedContract = new(0x3UL);

    /// <summary><c>STORED_BLOCK_HASH_BUFFER</c>.</summary>
    public const ulong StoredBlockHashBuffer = 10;

    /// <summary>The first alias (and the smallest key or address that gets one).</summary>
    public static readonly Felt MinAlias = 0x80UL;

    /// <summary>Addresses up to this one do not get their storage keys aliased.</summary>
    public static readonly Felt MaxNonCompressedAddress = 0xfUL;

    /// <summary>The alias contract's counter key.</summary>
    public static readonly StorageKey AliasCounterKey = new(Felt.Zero);

    /// <summary>
    /// The pre-execution write of block <paramref name="blockNumber"/>: for n ≥ 10,
    /// <c>storage[0x1][n − 10] = block_hash(n − 10)</c>. Returns whether a write was added.
    /// </summary>
    public static bool AddBlockHashWrite(StateDiff diff, ulong blockNumber, Func<ulong, Felt> blockHashOf)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(blockHashOf);
        if (blockNumber < StoredBlockHashBuffer)
        {
            return false;
        }

        var old = blockNumber - StoredBlockHashBuffer;
        diff.SetStorage(BlockHashContract, new StorageKey(old), blockHashOf(old));
        return true;
    }

    /// <summary>
    /// Stateful compression at block finalisation: walks the addresses touched by <paramref name="diff"/> in
    /// ascending order; for an address above 0xf each written storage key (ascending), then the address itself,
    /// gets the next alias when it is ≥ 0x80 and has none yet. Writes the aliases and the counter (key 0) of
    /// contract 0x2 into <paramref name="diff"/>. <paramref name="readAliasStorage"/> reads contract 0x2's storage
    /// as of before the block. The diff must not already hold writes to 0x2.
    /// </summary>
    public static void AllocateAliases(StateDiff diff, Func<StorageKey, Felt> readAliasStorage)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(readAliasStorage);
        if (diff.StorageDiffs.TryGetValue(AliasContract, out var existing) && existing.Count != 0)
        {
            throw new ArgumentException("The diff already writes to the alias contract.", nameof(diff));
        }

        var counter = readAliasStorage(AliasCounterKey);
        var next = counter.IsZero ? MinAlias : counter;
        var allocated = new Dictionary<Felt, Felt>();

        void Insert(Felt key)
        {
            if (key >= MinAlias && !allocated.ContainsKey(key) && readAliasStorage(new StorageKey(key)).IsZero)
            {
                allocated[key] = next;
                next += Felt.One;
            }
        }

        foreach (var address in diff.TouchedAddresses())
        {
            if (address.Value > MaxNonCompressedAddress && diff.StorageDiffs.TryGetValue(address, out var slots))
            {
                var keys = slots.Keys.Select(k => k.Value).ToList();
                keys.Sort();
                foreach (var key in keys)
                {
                    Insert(key);
                }
            }

            Insert(address.Value);
        }

        foreach (var (key, alias) in allocated)
        {
            diff.SetStorage(AliasContract, new StorageKey(key), alias);
        }

        if (allocated.Count != 0 || counter.IsZero)
        {
            diff.SetStorage(AliasContract, AliasCounterKey, next);
        }
    }

    /// <summary><see cref="AllocateAliases(StateDiff, Func{StorageKey, Felt})"/> against the latest state.</summary>
    public static void AllocateAliases(StateDiff diff, WorldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        AllocateAliases(diff, key => state.GetStorage(AliasContract, key));
    }
}
