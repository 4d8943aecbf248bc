using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>What GetExecutionInfo returns for the current call (cairo-vm.md §8.4).</summary>
public sealed record ExecutionInfo(BlockInfo Block, TxInfo Tx, Felt CallerAddress, Felt ContractAddress, Felt EntryPointSelector);
