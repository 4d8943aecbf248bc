using System.Buffers;
using Cairn.Primitives;

namespace Cairn.Trie;

/// <summary>
/// Hashes the new nodes of an update level by level, deepest first: level 1 holds the new nodes whose children
/// all have hashes, level L those whose deepest new child is at level L − 1. Each level is one call of
/// <see cref="ITrieHash.HashMany"/> (split across the cores when it is large), so a batched hash such as
/// <see cref="PedersenTrieHash"/> shares its inversions across the whole level.
/// </summary>
internal static class DirtyNodeHasher<THash>
    where THash : ITrieHash
{
    /// <summary>Levels with at least this many nodes are split across the cores.</summary>
    internal static int ParallelThreshold = 32;

    /// <summary>Gives every new node under <paramref name="root"/> (and the root) its hash.</summary>
    public static void HashAll(WorkNode root)
    {
        if (root.HasHash)
        {
            return;
        }

        var levels = new List<List<WorkNode>>();
        Collect(root, levels);
        foreach (var level in levels)
        {
            HashLevel(level);
        }
    }

    /// <summary>
    /// The same for the new nodes of several tries at once: their levels are hashed together, so many small tries
    /// (a block's storage tries) still give the batched hash large batches.
    /// </summary>
    public static void HashAll(IReadOnlyList<WorkNode> roots)
    {
        var levels = new List<List<WorkNode>>();
        foreach (var root in roots)
        {
            Collect(root, levels);
        }

        foreach (var level in levels)
        {
            HashLevel(level);
        }
    }

    /// <summary>The node's level (0 when it already has a hash), filing every new node under its level.</summary>
    private static int Collect(WorkNode node, List<List<WorkNode>> levels)
    {
        if (node.HasHash)
        {
            return 0;
        }

        var level = node.Kind == WorkNodeKind.Binary
            ? 1 + Math.Max(Collect(node.Left!, levels), Collect(node.Right!, levels))
            : 1 + Collect(node.Child!, levels);
        while (levels.Count < level)
        {
            levels.Add([]);
        }

        levels[level - 1].Add(node);
        return level;
    }

    private static void HashLevel(List<WorkNode> nodes)
    {
        var n = nodes.Count;
        var a = ArrayPool<Felt>.Shared.Rent(n);
        var b = ArrayPool<Felt>.Shared.Rent(n);
        var hashes = ArrayPool<Felt>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                a[i] = nodes[i].HashInputA;
                b[i] = nodes[i].HashInputB;
            }

            var parts = n >= ParallelThreshold ? Math.Max(1, Environment.ProcessorCount) : 1;
            if (parts == 1)
            {
                THash.HashMany(a.AsSpan(0, n), b.AsSpan(0, n), hashes.AsSpan(0, n));
            }
            else
            {
                Parallel.For(0, parts, part =>
                {
                    var start = (int)((long)n * part / parts);
                    var end = (int)((long)n * (part + 1) / parts);
                    THash.HashMany(a.AsSpan(start, end - start), b.AsSpan(start, end - start), hashes.AsSpan(start, end - start));
                });
            }

            for (var i = 0; i < n; i++)
            {
                nodes[i].SetHash(hashes[i]);
            }
        }
        finally
        {
            ArrayPool<Felt>.Shared.Return(hashes);
            ArrayPool<Felt>.Shared.Return(b);
            ArrayPool<Felt>.Shared.Return(a);
        }
    }
}
