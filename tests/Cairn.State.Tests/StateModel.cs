using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.State;
using Cairn.Storage;
using Cairn.Trie;

namespace Cairn.State.Tests;

/// <summary>
/// A dictionary model of the state with a from-scratch root computation (fresh tries on a fresh
/// <see cref="MemoryStore"/>) — the reference for the root composition.
/// </summary>
internal sealed class StateModel
{
    public Dictionary<Felt, ModelContract> Contracts { get; } = [];

    public Dictionary<Felt, Felt> Classes { get; } = [];

    public StateModel Clone()
    {
        var clone = new StateModel();
        foreach (var (address, contract) in Contracts)
        {
            clone.Contracts[address] = contract.Clone();
        }

        foreach (var (classHash, compiled) in Classes)
        {
            clone.Classes[classHash] = compiled;
        }

        return clone;
    }

    public void Apply(StateDiff diff)
    {
        foreach (var (address, slots) in diff.StorageDiffs)
        {
            var contract = Get(address.Value);
            foreach (var (key, value) in slots)
            {
                if (value.IsZero)
                {
                    contract.Storage.Remove(key.Value);
                }
                else
                {
                    contract.Storage[key.Value] = value;
                }
            }
        }

        foreach (var (address, classHash) in diff.DeployedContracts)
        {
            Get(address.Value).ClassHash = classHash.Value;
        }

        foreach (var (address, classHash) in diff.ReplacedClasses)
        {
            Get(address.Value).ClassHash = classHash.Value;
        }

        foreach (var (address, nonce) in diff.Nonces)
        {
            Get(address.Value).Nonce = nonce.Value;
        }

        foreach (var (classHash, compiled) in diff.DeclaredClasses)
        {
            Classes[classHash.Value] = compiled.Value;
        }
    }

    public ModelContract Get(Felt address)
    {
        if (!Contracts.TryGetValue(address, out var contract))
        {
            contract = new ModelContract();
            Contracts[address] = contract;
        }

        return contract;
    }

    /// <summary>Recomputes every root from scratch.</summary>
    public StateRoots ComputeRoots()
    {
        using var store = new MemoryStore(["nodes"]);
        var nodes = new TrieNodeStore(store, store.GetColumn("nodes"), 0);
        var pedersen = new MerkleTrie<PedersenTrieHash>(nodes, 251);
        var poseidon = new MerkleTrie<PoseidonTrieHash>(nodes, 251);
        using var batch = store.CreateBatch();

        var contractLeaves = new List<TrieWrite>();
        foreach (var (address, contract) in Contracts)
        {
            var storage = contract.Storage.Select(kv => new TrieWrite(kv.Key, kv.Value)).ToArray();
            var storageRoot = pedersen.Update(TrieRoot.Empty, storage, batch, 0).Hash;
            if (contract.ClassHash.IsZero && contract.Nonce.IsZero && storageRoot.IsZero)
            {
                continue;
            }

            var leaf = Pedersen.Hash(Pedersen.Hash(Pedersen.Hash(contract.ClassHash, storageRoot), contract.Nonce), Felt.Zero);
            contractLeaves.Add(new TrieWrite(address, leaf));
        }

        var contractsRoot = pedersen.Update(TrieRoot.Empty, contractLeaves.ToArray(), batch, 0).Hash;
        var classLeafPrefix = Felt.FromShortString("CONTRACT_CLASS_LEAF_V0");
        var classLeaves = Classes
            .Where(kv => !kv.Value.IsZero)
            .Select(kv => new TrieWrite(kv.Key, Poseidon.Hash(classLeafPrefix, kv.Value)))
            .ToArray();
        var classesRoot = poseidon.Update(TrieRoot.Empty, classLeaves, batch, 0).Hash;
        var global = contractsRoot.IsZero && classesRoot.IsZero
            ? Felt.Zero
            : Poseidon.HashMany([Felt.FromShortString("STARKNET_STATE_V0"), contractsRoot, classesRoot]);
        return new StateRoots(contractsRoot, classesRoot, global);
    }
}
