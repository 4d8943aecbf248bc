using System.Collections.Concurrent;
using Cairn.Cairo.Programs;
using Cairn.Primitives.Ids;
using Cairn.Storage;

namespace Cairn.Execution.State;

/// <summary>
/// The compiled (CASM) classes by class hash, kept in their own column of the node's store as the
/// JSON they were declared with. Classes are content-addressed, so writes are idempotent and a class
/// stored before its block commits is harmless (the state's classes trie decides what is declared).
/// Parsed classes are cached: a class is decoded once however many calls run it.
/// </summary>
public sealed class ClassStore
{
    /// <summary>The column this store needs (open the key-value store with it).</summary>
    public const string ColumnName = "compiled_classes";

    /// <summary>The column of the Sierra classes (the JSON <c>starknet_getClass</c> serves), by class hash.</summary>
    public const string SierraColumnName = "sierra_classes";

    /// <summary>Both columns.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [ColumnName, SierraColumnName];

    private readonly IKeyValueStore _store;
    private readonly Column _column;
    private readonly Column? _sierra;
    private readonly ConcurrentDictionary<ClassHash, CasmContractClass> _parsed = new();

    public ClassStore(IKeyValueStore store)
    {
        _store = store;
        _column = store.GetColumn(ColumnName);
        _sierra = store.Columns.FirstOrDefault(c => c.Name == SierraColumnName);
    }

    /// <summary>Stores the Sierra class JSON of <paramref name="classHash"/> (the store must have <see cref="SierraColumnName"/>).</summary>
    public void PutSierra(ClassHash classHash, ReadOnlySpan<byte> sierraJson) =>
        _store.Put(_sierra ?? throw new InvalidOperationException($"the store has no column '{SierraColumnName}'"), Key(classHash), sierraJson);

    /// <summary>The stored Sierra class JSON, or null.</summary>
    public byte[]? GetSierra(ClassHash classHash) => _sierra is { } c ? _store.Get(c, Key(classHash)) : null;

    /// <summary>Stores the CASM JSON of <paramref name="classHash"/> (durable once this returns).</summary>
    public void Put(ClassHash classHash, ReadOnlySpan<byte> casmJson)
    {
        var parsed = CasmContractClass.Parse(casmJson); // reject malformed classes before storing them
        _store.Put(_column, Key(classHash), casmJson);
        _parsed[classHash] = parsed;
    }

    /// <summary>The stored class, or null.</summary>
    public CasmContractClass? Get(ClassHash classHash)
    {
        if (_parsed.TryGetValue(classHash, out var cached)) return cached;
        var bytes = _store.Get(_column, Key(classHash));
        if (bytes is null) return null;
        return _parsed.GetOrAdd(classHash, _ => CasmContractClass.Parse(bytes));
    }

    private static byte[] Key(ClassHash classHash) => classHash.Value.ToBytesBE();
}
