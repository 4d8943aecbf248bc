using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;

namespace Cairn.Rpc;

/// <summary>
/// RPC <c>STATE_UPDATE</c> (or <c>PRE_CONFIRMED_STATE_UPDATE</c> when <see cref="BlockHash"/> is null: no hash, no new root).
/// </summary>
public sealed record RpcStateUpdate
{
    /// <summary>Null for the pre-confirmed block.</summary>
    public Felt? BlockHash { get; init; }

    public required Felt OldRoot { get; init; }

    /// <summary>Null for the pre-confirmed block.</summary>
    public Felt? NewRoot { get; init; }

    public required StateDiff StateDiff { get; init; }

    /// <summary>Cairo 0 classes declared in the block (history only).</summary>
    public IReadOnlyList<ClassHash> DeprecatedDeclaredClasses { get; init; } = [];

    /// <summary>Classes whose compiled class hash moved to v2 (Blake) in the block.</summary>
    public IReadOnlyList<(ClassHash ClassHash, CompiledClassHash CompiledClassHash)> MigratedCompiledClasses { get; init; } = [];
}
