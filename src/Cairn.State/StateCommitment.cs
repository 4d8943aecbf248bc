using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.State;

/// <summary>The leaf and root formulas of Starknet's state commitment (spec §7.3–7.5).</summary>
public static class StateCommitment
{
    /// <summary><c>felt("CONTRACT_CLASS_LEAF_V0")</c>.</summary>
    public static readonly Felt ClassLeafPrefix = Felt.FromShortString("CONTRACT_CLASS_LEAF_V0");

    /// <summary><c>felt("STARKNET_STATE_V0")</c>.</summary>
    public static readonly Felt GlobalStatePrefix = Felt.FromShortString("STARKNET_STATE_V0");

    /// <summary>
    /// <c>pedersen(pedersen(pedersen(class_hash, storage_root), nonce), 0)</c> — the raw hash, without the
    /// "all zero means absent" rule (see <see cref="ContractLeaf"/>).
    /// </summary>
    public static Felt ContractStateHash(Felt classHash, Felt storageRoot, Felt nonce) =>
        Pedersen.Hash(Pedersen.Hash(Pedersen.Hash(classHash, storageRoot), nonce), Felt.Zero);

    /// <summary>The contracts-trie leaf: 0 (absent) when class hash, storage root and nonce are all 0.</summary>
    public static Felt ContractLeaf(Felt classHash, Felt storageRoot, Felt nonce) =>
        classHash.IsZero && storageRoot.IsZero && nonce.IsZero
            ? Felt.Zero
            : ContractStateHash(classHash, storageRoot, nonce);

    /// <summary><c>poseidon("CONTRACT_CLASS_LEAF_V0", compiled_class_hash)</c>; 0 (absent) for a 0 compiled class hash.</summary>
    public static Felt ClassLeaf(Felt compiledClassHash) =>
        compiledClassHash.IsZero ? Felt.Zero : Poseidon.Hash(ClassLeafPrefix, compiledClassHash);

    /// <summary>
    /// 0 when both roots are 0, else <c>poseidon_many(["STARKNET_STATE_V0", contracts_root, classes_root])</c>.
    /// </summary>
    public static Felt GlobalRoot(Felt contractsRoot, Felt classesRoot) =>
        contractsRoot.IsZero && classesRoot.IsZero
            ? Felt.Zero
            : Poseidon.HashMany([GlobalStatePrefix, contractsRoot, classesRoot]);
}
