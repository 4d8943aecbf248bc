using Cairn.Cairo.Programs;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.State;

/// <summary>A committed state held in dictionaries (genesis building, tests, tools).</summary>
public sealed class InMemoryStateReader : IStateReader
{
    public Dictionary<(ContractAddress, StorageKey), Felt> Storage { get; } = [];

    public Dictionary<ContractAddress, Nonce> Nonces { get; } = [];

    public Dictionary<ContractAddress, ClassHash> ClassHashes { get; } = [];

    public Dictionary<ClassHash, (CompiledClassHash Hash, CasmContractClass Class)> Classes { get; } = [];

    public Felt GetStorage(ContractAddress address, StorageKey key) => Storage.TryGetValue((address, key), out var v) ? v : Felt.Zero;

    public Nonce GetNonce(ContractAddress address) => Nonces.TryGetValue(address, out var n) ? n : default;

    public ClassHash GetClassHashAt(ContractAddress address) => ClassHashes.TryGetValue(address, out var c) ? c : default;

    public CompiledClassHash? GetCompiledClassHash(ClassHash classHash) => Classes.TryGetValue(classHash, out var c) ? c.Hash : null;

    public CasmContractClass? GetCompiledClass(ClassHash classHash) => Classes.TryGetValue(classHash, out var c) ? c.Class : null;

    /// <summary>Declares a class (compiled class hash computed with Blake, the current definition).</summary>
    public ClassHash Declare(ClassHash classHash, CasmContractClass compiled)
    {
        Classes[classHash] = (new CompiledClassHash(Cairn.Cairo.Programs.CompiledClassHasher.ComputeBlake(compiled)), compiled);
        return classHash;
    }
}
