using Cairn.Execution.State;
using Cairn.State;

namespace Cairn.Execution.Genesis;

/// <summary>
/// A built genesis: block 0's state diff, the classes it declares (to store beside the state), the
/// funded accounts, and the state itself (a cache over an empty state) for inspection.
/// </summary>
public sealed record GenesisState(StateDiff Diff, IReadOnlyList<DeclaredClass> Classes, IReadOnlyList<PredeployedAccount> Accounts, CachedState State);
