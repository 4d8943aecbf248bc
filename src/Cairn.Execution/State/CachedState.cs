using Cairn.Cairo.Programs;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Execution.State;

/// <summary>
/// The state as a transaction sees it: reads go through to an <see cref="IStateReader"/>, writes
/// (storage, nonces, deployed and replaced classes, declared classes) stay here. Every write is
/// logged so that <see cref="Rollback"/> can undo everything after a <see cref="Checkpoint"/> —
/// a failed inner call, a reverted execute phase — and <see cref="ToStateDiff"/> gives the net
/// changes (writes of the value already there are dropped).
/// </summary>
public sealed class CachedState : IStateReader
{
    private readonly IStateReader _base;
    private readonly Dictionary<(ContractAddress, StorageKey), Felt> _storage = [];
    private readonly Dictionary<ContractAddress, Nonce> _nonces = [];
    private readonly Dictionary<ContractAddress, ClassHash> _classHashes = [];
    private readonly Dictionary<ClassHash, (CompiledClassHash Hash, CasmContractClass Class)> _declared = [];
    private readonly List<Action> _undo = [];

    public CachedState(IStateReader baseState) => _base = baseState;

    /// <summary>The state underneath.</summary>
    public IStateReader Base => _base;

    public Felt GetStorage(ContractAddress address, StorageKey key) =>
        _storage.TryGetValue((address, key), out var v) ? v : _base.GetStorage(address, key);

    public Nonce GetNonce(ContractAddress address) => _nonces.TryGetValue(address, out var n) ? n : _base.GetNonce(address);

    public ClassHash GetClassHashAt(ContractAddress address) =>
        _classHashes.TryGetValue(address, out var c) ? c : _base.GetClassHashAt(address);

    public CompiledClassHash? GetCompiledClassHash(ClassHash classHash) =>
        _declared.TryGetValue(classHash, out var d) ? d.Hash : _base.GetCompiledClassHash(classHash);

    public CasmContractClass? GetCompiledClass(ClassHash classHash) =>
        _declared.TryGetValue(classHash, out var d) ? d.Class : _base.GetCompiledClass(classHash);

    public void SetStorage(ContractAddress address, StorageKey key, Felt value)
    {
        var k = (address, key);
        bool had = _storage.TryGetValue(k, out var old);
        _storage[k] = value;
        _undo.Add(had ? () => _storage[k] = old : () => _storage.Remove(k));
    }

    public void SetNonce(ContractAddress address, Nonce nonce)
    {
        bool had = _nonces.TryGetValue(address, out var old);
        _nonces[address] = nonce;
        _undo.Add(had ? () => _nonces[address] = old : () => _nonces.Remove(address));
    }

    /// <summary>Deploys or replaces the class at an address.</summary>
    public void SetClassHashAt(ContractAddress address, ClassHash classHash)
    {
        bool had = _classHashes.TryGetValue(address, out var old);
        _classHashes[address] = classHash;
        _undo.Add(had ? () => _classHashes[address] = old : () => _classHashes.Remove(address));
    }

    public void DeclareClass(ClassHash classHash, CompiledClassHash compiledClassHash, CasmContractClass compiled)
    {
        bool had = _declared.TryGetValue(classHash, out var old);
        _declared[classHash] = (compiledClassHash, compiled);
        _undo.Add(had ? () => _declared[classHash] = old : () => _declared.Remove(classHash));
    }

    /// <summary>A marker for <see cref="Rollback"/>.</summary>
    public int Checkpoint() => _undo.Count;

    /// <summary>Undoes every write made after <paramref name="checkpoint"/>.</summary>
    public void Rollback(int checkpoint)
    {
        for (int i = _undo.Count - 1; i >= checkpoint; i--) _undo[i]();
        _undo.RemoveRange(checkpoint, _undo.Count - checkpoint);
    }

    /// <summary>
    /// Writes every change held here into <paramref name="target"/> (normally the state this one reads
    /// through): how a transaction's state joins its block's.
    /// </summary>
    public void WriteTo(CachedState target)
    {
        foreach (var ((address, key), value) in _storage) target.SetStorage(address, key, value);
        foreach (var (address, nonce) in _nonces) target.SetNonce(address, nonce);
        foreach (var (address, classHash) in _classHashes) target.SetClassHashAt(address, classHash);
        foreach (var (classHash, (compiled, cls)) in _declared) target.DeclareClass(classHash, compiled, cls);
    }

    /// <summary>The net changes against the base state, for <see cref="WorldState.Apply"/>.</summary>
    public StateDiff ToStateDiff()
    {
        var diff = new StateDiff();
        foreach (var ((address, key), value) in _storage)
        {
            if (_base.GetStorage(address, key) != value) diff.SetStorage(address, key, value);
        }
        foreach (var (address, nonce) in _nonces)
        {
            if (_base.GetNonce(address) != nonce) diff.SetNonce(address, nonce);
        }
        foreach (var (address, classHash) in _classHashes)
        {
            var old = _base.GetClassHashAt(address);
            if (old == classHash) continue;
            if (old.Value.IsZero) diff.DeployContract(address, classHash);
            else diff.ReplaceClass(address, classHash);
        }
        foreach (var (classHash, (compiled, _)) in _declared)
        {
            if (_base.GetCompiledClassHash(classHash) != compiled) diff.DeclareClass(classHash, compiled);
        }
        return diff;
    }
}
