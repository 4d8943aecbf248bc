using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.State;

/// <summary>
/// The state changes of one block (Starknet's state diff): storage writes per contract, nonces, deployed
/// contracts and replaced classes (both set the class hash at an address), and declared (Sierra) classes with
/// their compiled class hashes. A storage value of 0 deletes the slot. Deprecated (Cairo 0) declarations are not
/// part of the state tries and are not represented here.
/// </summary>
/// <remarks>
/// The OS-reserved writes (<c>0x1</c> block-hash table, <c>0x2</c> aliases; spec §7.6) must already be in the
/// diff: <see cref="WorldState"/> commits what it is given.
/// </remarks>
public sealed class StateDiff
{
    /// <summary>Storage writes: address → key → value (0 deletes).</summary>
    public Dictionary<ContractAddress, Dictionary<StorageKey, Felt>> StorageDiffs { get; } = [];

    /// <summary>New nonces per address.</summary>
    public Dictionary<ContractAddress, Nonce> Nonces { get; } = [];

    /// <summary>Contracts deployed in the block: address → class hash.</summary>
    public Dictionary<ContractAddress, ClassHash> DeployedContracts { get; } = [];

    /// <summary>Class replacements: address → new class hash (applied after <see cref="DeployedContracts"/>).</summary>
    public Dictionary<ContractAddress, ClassHash> ReplacedClasses { get; } = [];

    /// <summary>Declared Sierra classes: class hash → compiled class hash.</summary>
    public Dictionary<ClassHash, CompiledClassHash> DeclaredClasses { get; } = [];

    /// <summary>Whether the diff changes nothing.</summary>
    public bool IsEmpty =>
        StorageDiffs.Values.All(s => s.Count == 0) && Nonces.Count == 0 && DeployedContracts.Count == 0 &&
        ReplacedClasses.Count == 0 && DeclaredClasses.Count == 0;

    /// <summary>Sets <paramref name="key"/> of <paramref name="address"/> to <paramref name="value"/>.</summary>
    public StateDiff SetStorage(ContractAddress address, StorageKey key, Felt value)
    {
        if (!StorageDiffs.TryGetValue(address, out var slots))
        {
            slots = [];
            StorageDiffs[address] = slots;
        }

        slots[key] = value;
        return this;
    }

    public StateDiff SetNonce(ContractAddress address, Nonce nonce)
    {
        Nonces[address] = nonce;
        return this;
    }

    public StateDiff DeployContract(ContractAddress address, ClassHash classHash)
    {
        DeployedContracts[address] = classHash;
        return this;
    }

    public StateDiff ReplaceClass(ContractAddress address, ClassHash classHash)
    {
        ReplacedClasses[address] = classHash;
        return this;
    }

    public StateDiff DeclareClass(ClassHash classHash, CompiledClassHash compiledClassHash)
    {
        DeclaredClasses[classHash] = compiledClassHash;
        return this;
    }

    /// <summary>Every address whose storage, nonce or class hash the diff touches, ascending.</summary>
    public List<ContractAddress> TouchedAddresses()
    {
        var set = new HashSet<ContractAddress>(StorageDiffs.Keys);
        set.UnionWith(Nonces.Keys);
        set.UnionWith(DeployedContracts.Keys);
        set.UnionWith(ReplacedClasses.Keys);
        var list = set.ToList();
        list.Sort();
        return list;
    }
}
