using Cairn.Storage;

namespace Cairn.Trie.Tests;

/// <summary>
/// Long random sequences of inserts, updates and deletions over small key pools (so keys collide and subtrees
/// empty out), checked after every batch against the from-scratch reference.
/// </summary>
public sealed class DifferentialTests
{
    public static TheoryData<string, int, int, int> Cases => new()
    {
        // hash, height, batches, max writes per batch
        { "pedersen", 251, 150, 24 },
        { "poseidon", 251, 301, 24 },
        { "pedersen", 64, 121, 24 },
        { "poseidon", 64, 302, 24 },
        { "poseidon", 8, 200, 48 },
        { "pedersen", 8, 61, 48 },
        { "poseidon", 1, 40, 3 },
        { "poseidon", 2, 60, 4 },
        { "poseidon", 3, 80, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_batches_match_the_reference(string hash, int height, int batches, int maxWrites)
    {
        if (hash == "pedersen")
        {
            Run<PedersenTrieHash>(height, batches, maxWrites);
        }
        else
        {
            Run<PoseidonTrieHash>(height, batches, maxWrites);
        }
    }

    private static void Run<THash>(int height, int batches, int maxWrites)
        where THash : ITrieHash
    {
        using var store = new MemoryStore(["nodes"]);
        // Alternate between no node cache, a tiny one (constant collisions) and the default.
        var cacheSlots = (batches % 3) switch { 0 => 0, 1 => 16, _ => TrieNodeStore.DefaultCacheSlots };
        var harness = new TrieHarness<THash>(store, height, seed: (height * 7919) + batches, cacheSlots);
        for (var i = 0; i < batches; i++)
        {
            harness.RandomBatch(maxWrites);
            harness.CheckReads(8);
            harness.CheckProofs(3, tamper: i % 4 == 0);
        }

        harness.CheckHistory();
    }
}
