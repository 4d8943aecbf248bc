using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Chain;

/// <summary>
/// A block's state diff as the chain publishes it (RPC <c>STATE_DIFF</c>): the <see cref="StateDiff"/> the world
/// state applies, plus the parts that are not in the state tries — Cairo 0 declarations — or that the caller
/// applies separately — compiled-class-hash migrations (0.14.1, v1 → v2 hashes).
/// </summary>
public sealed record BlockStateDiff(
    StateDiff Diff,
    IReadOnlyList<ClassHash> DeprecatedDeclaredClasses,
    IReadOnlyDictionary<ClassHash, CompiledClassHash> MigratedCompiledClasses)
{
    public BlockStateDiff(StateDiff diff)
        : this(diff, [], new Dictionary<ClassHash, CompiledClassHash>())
    {
    }

    /// <summary>The diff with migrations folded into <see cref="StateDiff.DeclaredClasses"/> when the caller wants one diff for the tries.</summary>
    public StateDiff ToStateDiffWithMigrations()
    {
        if (MigratedCompiledClasses.Count == 0) return Diff;
        var copy = new StateDiff();
        foreach (var (address, slots) in Diff.StorageDiffs)
        {
            foreach (var (key, value) in slots) copy.SetStorage(address, key, value);
        }

        foreach (var (a, n) in Diff.Nonces) copy.SetNonce(a, n);
        foreach (var (a, c) in Diff.DeployedContracts) copy.DeployContract(a, c);
        foreach (var (a, c) in Diff.ReplacedClasses) copy.ReplaceClass(a, c);
        foreach (var (c, cc) in Diff.DeclaredClasses) copy.DeclareClass(c, cc);
        foreach (var (c, cc) in MigratedCompiledClasses) copy.DeclareClass(c, cc);
        return copy;
    }
}
