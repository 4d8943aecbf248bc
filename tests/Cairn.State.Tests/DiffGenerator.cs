using System.Numerics;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.State.Tests;

/// <summary>Random state diffs over small key pools, so that overwrites, deletions and re-creations happen.</summary>
internal sealed class DiffGenerator
{
    private readonly Random _random;

    public DiffGenerator(int seed, int addressCount = 12, int keyCount = 24, int classCount = 10)
    {
        _random = new Random(seed);
        Addresses = [.. Enumerable.Range(0, addressCount).Select(i => i < 2 ? (Felt)(ulong)(i + 1) : RandomKey())];
        Keys = [.. Enumerable.Range(0, keyCount).Select(i => i < 4 ? (Felt)(ulong)i : RandomKey())];
        ClassHashes = [.. Enumerable.Range(0, classCount).Select(_ => RandomKey())];
    }

    public Felt[] Addresses { get; }

    public Felt[] Keys { get; }

    public Felt[] ClassHashes { get; }

    /// <summary>A random felt below 2^251.</summary>
    public Felt RandomKey()
    {
        var bytes = new byte[32];
        _random.NextBytes(bytes);
        bytes[0] &= 0x07;
        return Felt.FromBytesBE(bytes);
    }

    public StateDiff Next()
    {
        var diff = new StateDiff();
        var writes = _random.Next(0, 30);
        for (var i = 0; i < writes; i++)
        {
            var address = Pick(Addresses);
            var value = _random.Next(4) == 0 ? Felt.Zero : (_random.Next(2) == 0 ? (Felt)(ulong)_random.Next(1, 1000) : RandomKey());
            diff.SetStorage(new ContractAddress(address), new StorageKey(Pick(Keys)), value);
        }

        for (var i = _random.Next(0, 4); i > 0; i--)
        {
            diff.SetNonce(new ContractAddress(Pick(Addresses)), new Nonce((ulong)_random.Next(0, 50)));
        }

        for (var i = _random.Next(0, 3); i > 0; i--)
        {
            diff.DeployContract(new ContractAddress(Pick(Addresses)), new ClassHash(Pick(ClassHashes)));
        }

        for (var i = _random.Next(0, 2); i > 0; i--)
        {
            // Sometimes "undeploy" (class hash 0) so a contract can return to all-zero and leave the trie.
            var classHash = _random.Next(3) == 0 ? Felt.Zero : Pick(ClassHashes);
            diff.ReplaceClass(new ContractAddress(Pick(Addresses)), new ClassHash(classHash));
        }

        for (var i = _random.Next(0, 3); i > 0; i--)
        {
            diff.DeclareClass(new ClassHash(Pick(ClassHashes)), new CompiledClassHash(RandomKey()));
        }

        return diff;
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    public static Felt TwoPow251 => Felt.FromBigInteger(BigInteger.One << 251);
}
