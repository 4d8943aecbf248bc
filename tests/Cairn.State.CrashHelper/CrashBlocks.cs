using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.State.CrashHelper;

/// <summary>
/// The deterministic blocks the state crash test applies: block n's diff depends on n alone (seeded by it), so
/// the child process and the test build identical diffs. Each block writes 50–200 storage slots over a few
/// contracts (overwrites, deletions and fresh keys), sets a few nonces, and sometimes deploys, replaces or
/// declares a class.
/// </summary>
public static class CrashBlocks
{
    /// <summary>The contracts the blocks touch (0x1 takes storage only, as the block-hash table does).</summary>
    public static readonly ContractAddress[] Addresses =
        [.. new ulong[] { 0x1, 0x1001, 0x1002, 0x1003, 0x1004, 0x1005 }.Select(a => new ContractAddress((Felt)a))];

    /// <summary>The pool of class hashes deployed, replaced and declared.</summary>
    public static readonly ClassHash[] Classes = [.. Enumerable.Range(1, 8).Select(i => new ClassHash((Felt)(ulong)(0xC1A55000 + i)))];

    /// <summary>Keys 0 … <see cref="KeyPool"/> − 1 recur across blocks, so slots are overwritten and deleted.</summary>
    public const int KeyPool = 600;

    public static StateDiff Diff(ulong block)
    {
        var random = new Random(unchecked((int)(block * 2_654_435_761UL) ^ 0x5eed));
        var diff = new StateDiff();
        var writes = random.Next(50, 201);
        for (var i = 0; i < writes; i++)
        {
            var address = Addresses[random.Next(Addresses.Length)];
            var key = random.Next(8) == 0 ? RandomFelt(random) : (Felt)(ulong)random.Next(KeyPool);
            var value = random.Next(5) == 0 ? Felt.Zero : (random.Next(2) == 0 ? (Felt)(ulong)random.Next(1, 1_000_000) : RandomFelt(random));
            diff.SetStorage(address, new StorageKey(key), value);
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            // Not 0x1: a system contract keeps class hash and nonce 0.
            diff.SetNonce(Addresses[random.Next(1, Addresses.Length)], new Nonce((Felt)(block + 1)));
        }

        if (random.Next(3) == 0)
        {
            diff.DeployContract(Addresses[random.Next(1, Addresses.Length)], Classes[random.Next(Classes.Length)]);
        }

        if (random.Next(5) == 0)
        {
            diff.ReplaceClass(Addresses[random.Next(1, Addresses.Length)], Classes[random.Next(Classes.Length)]);
        }

        if (random.Next(4) == 0)
        {
            diff.DeclareClass(Classes[random.Next(Classes.Length)], new CompiledClassHash((Felt)(ulong)random.Next(1, int.MaxValue)));
        }

        return diff;
    }

    /// <summary>A random felt below 2^251.</summary>
    private static Felt RandomFelt(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        bytes[0] &= 0x07;
        return Felt.FromBytesBE(bytes);
    }
}
