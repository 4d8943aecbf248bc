using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Chain.Storage;

/// <summary>
/// Binary form of a state update: block hash, old and new roots, then the diff's maps sorted by key (storage per
/// contract with sorted keys, nonces, deployed, replaced, declared), deprecated declarations and migrations.
/// </summary>
internal static class StateUpdateCodec
{
    public static void Write(ByteWriter w, StateUpdate update)
    {
        w.Felt(update.BlockHash.Value);
        w.Felt(update.OldRoot);
        w.Felt(update.NewRoot);
        var diff = update.StateDiff.Diff;
        var contracts = diff.StorageDiffs.Where(kv => kv.Value.Count != 0).OrderBy(kv => kv.Key).ToList();
        w.VarUInt((ulong)contracts.Count);
        foreach (var (address, slots) in contracts)
        {
            w.Felt(address.Value);
            w.VarUInt((ulong)slots.Count);
            foreach (var (key, value) in slots.OrderBy(kv => kv.Key))
            {
                w.Felt(key.Value);
                w.Felt(value);
            }
        }

        WriteMap(w, diff.Nonces.Select(kv => (kv.Key.Value, kv.Value.Value)));
        WriteMap(w, diff.DeployedContracts.Select(kv => (kv.Key.Value, kv.Value.Value)));
        WriteMap(w, diff.ReplacedClasses.Select(kv => (kv.Key.Value, kv.Value.Value)));
        WriteMap(w, diff.DeclaredClasses.Select(kv => (kv.Key.Value, kv.Value.Value)));
        w.Felts(update.StateDiff.DeprecatedDeclaredClasses.Select(c => c.Value).ToArray());
        WriteMap(w, update.StateDiff.MigratedCompiledClasses.Select(kv => (kv.Key.Value, kv.Value.Value)));
    }

    public static StateUpdate Read(ref ByteReader r)
    {
        var blockHash = new BlockHash(r.Felt());
        var oldRoot = r.Felt();
        var newRoot = r.Felt();
        var diff = new StateDiff();
        var contracts = r.Count();
        for (var i = 0; i < contracts; i++)
        {
            var address = new ContractAddress(r.Felt());
            var slots = r.Count();
            for (var j = 0; j < slots; j++) diff.SetStorage(address, new StorageKey(r.Felt()), r.Felt());
        }

        foreach (var (a, n) in ReadMap(ref r)) diff.SetNonce(new ContractAddress(a), new Nonce(n));
        foreach (var (a, c) in ReadMap(ref r)) diff.DeployContract(new ContractAddress(a), new ClassHash(c));
        foreach (var (a, c) in ReadMap(ref r)) diff.ReplaceClass(new ContractAddress(a), new ClassHash(c));
        foreach (var (c, cc) in ReadMap(ref r)) diff.DeclareClass(new ClassHash(c), new CompiledClassHash(cc));
        var deprecated = r.Felts().Select(c => new ClassHash(c)).ToList();
        var migrated = ReadMap(ref r).ToDictionary(kv => new ClassHash(kv.Key), kv => new CompiledClassHash(kv.Value));
        return new StateUpdate(blockHash, oldRoot, newRoot, new BlockStateDiff(diff, deprecated, migrated));
    }

    private static void WriteMap(ByteWriter w, IEnumerable<(Felt Key, Felt Value)> entries)
    {
        var sorted = entries.OrderBy(e => e.Key).ToList();
        w.VarUInt((ulong)sorted.Count);
        foreach (var (key, value) in sorted)
        {
            w.Felt(key);
            w.Felt(value);
        }
    }

    private static List<(Felt Key, Felt Value)> ReadMap(ref ByteReader r)
    {
        var n = r.Count();
        var list = new List<(Felt, Felt)>(n);
        for (var i = 0; i < n; i++) list.Add((r.Felt(), r.Felt()));
        return list;
    }
}
