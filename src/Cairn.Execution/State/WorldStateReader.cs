using Cairn.Cairo.Programs;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Execution.State;

/// <summary>
/// The committed world state at a block (null: the latest) as execution reads it: storage, nonces
/// and class hashes from the tries, declared classes from the classes trie with their CASM from the
/// <see cref="ClassStore"/>.
/// </summary>
public sealed class WorldStateReader(WorldState world, ClassStore classes, ulong? block = null) : IStateReader
{
    public ulong? Block => block;

    public Felt GetStorage(ContractAddress address, StorageKey key) => world.GetStorage(address, key, block);

    public Nonce GetNonce(ContractAddress address) => world.GetNonce(address, block);

    public ClassHash GetClassHashAt(ContractAddress address) => world.GetClassHashAt(address, block);

    public CompiledClassHash? GetCompiledClassHash(ClassHash classHash) => world.GetCompiledClassHash(classHash, block);

    public CasmContractClass? GetCompiledClass(ClassHash classHash) =>
        world.GetCompiledClassHash(classHash, block) is null ? null : classes.Get(classHash);
}
