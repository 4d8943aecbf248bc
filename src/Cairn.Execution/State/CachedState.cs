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
    private readonly ReadCache? _reads;

    /// <summary>Base reads remembered (the base must not change while this state lives).</summary>
    private sealed class ReadCache
    {
        public readonly Dictionary<(ContractAddress, StorageKey), Felt> Storage = [];
        public readonly Dictionary<ContractAddress, Nonce> Nonces = [];
        public readonly Dictionary<ContractAddress, ClassHash> ClassHashes = [];
        public readonly Dictionary<ClassHash, CompiledClassHash?> CompiledClassHashes = [];
        public readonly Dictionary<ClassHash, CasmContractClass?> Classes = [];
    }

    public CachedState(IStateReader baseState) => _base = baseState;

    /// <param name="baseState">The state underneath.</param>
    /// <param name="cacheReads">
    /// Remember what was read from <paramref name="baseState"/> (for a slow base such as the committed world
    /// state, read many times over a block); the base must not change while this state is used.
    /// </param>
    public CachedState(IStateReader baseState, bool cacheReads)
    {
        _base = baseState;
        if (cacheReads) _reads = new ReadCache();
    }

    /// <summary>The state underneath.</summary>
    public IStateReader Base => _base;

    public Felt GetStorage(ContractAddress address, StorageKey key)
    {
        if (_storage.TryGetValue((address, key), out var v)) return v;
        if (_reads is null) return _base.GetStorage(address, key);
        if (!_reads.Storage.TryGetValue((address, key), out v)) _reads.Storage[(address, key)] = v = _base.GetStorage(address, key);
        return v;
    }

    public Nonce GetNonce(ContractAddress address)
    {
        if (_nonces.TryGetValue(address, out var n)) return n;
        if (_reads is null) return _base.GetNonce(address);
        if (!_reads.Nonces.TryGetValue(address, out n)) _reads.Nonces[address] = n = _base.GetNonce(address);
        return n;
    }

    public ClassHash GetClassHashAt(ContractAddress address)
    {
        if (_classHashes.TryGetValue(address, out var c)) return c;
        if (_reads is null) return _base.GetClassHashAt(address);
        if (!_reads.ClassHashes.TryGetValue(address, out c)) _reads.ClassHashes[address] = c = _base.GetClassHashAt(address);
        return c;
    }

    public CompiledClassHash? GetCompiledClassHash(ClassHash classHash)
    {
        if (_declared.TryGetValue(classHash, out var d)) return d.Hash;
        if (_reads is null) return _base.GetCompiledClassHash(classHash);
        if (!_reads.CompiledClassHashes.TryGetValue(classHash, out var h)) _reads.CompiledClassHashes[classHash] = h = _base.GetCompiledClassHash(classHash);
        return h;
    }

    public CasmContractClass? GetCompiledClass(ClassHash classHash)
    {
        if (_declared.TryGetValue(classHash, out var d)) return d.Class;
        if (_reads is null) return _base.GetCompiledClass(classHash);
        if (!_reads.Classes.TryGetValue(classHash, out var c)) _reads.Classes[classHash] = c = _base.GetCompiledClass(classHash);
        return c;
    }

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
    /// A copy of the changes (and remembered reads) held here over the same base, without the undo log: a
    /// consistent view another thread can read while this one keeps changing.
    /// </summary>
    public CachedState Snapshot()
    {
        var copy = new CachedState(_base, cacheReads: _reads is not null);
        foreach (var (k, v) in _storage) copy._storage[k] = v;
        foreach (var (k, v) in _nonces) copy._nonces[k] = v;
        foreach (var (k, v) in _classHashes) copy._classHashes[k] = v;
        foreach (var (k, v) in _declared) copy._declared[k] = v;
        if (_reads is not null)
        {
            foreach (var (k, v) in _reads.Storage) copy._reads!.Storage[k] = v;
            foreach (var (k, v) in _reads.Nonces) copy._reads!.Nonces[k] = v;
            foreach (var (k, v) in _reads.ClassHashes) copy._reads!.ClassHashes[k] = v;
            foreach (var (k, v) in _reads.CompiledClassHashes) copy._reads!.CompiledClassHashes[k] = v;
            foreach (var (k, v) in _reads.Classes) copy._reads!.Classes[k] = v;
        }
        return copy;
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
