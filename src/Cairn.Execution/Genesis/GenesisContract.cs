using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Genesis;

/// <summary>A contract placed at genesis: its address, class and initial storage (no constructor runs).</summary>
public sealed record GenesisContract(ContractAddress Address, ClassHash ClassHash, IReadOnlyDictionary<StorageKey, Felt> Storage);
