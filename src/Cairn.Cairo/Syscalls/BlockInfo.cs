using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>The block context a contract sees through GetExecutionInfo (cairo-vm.md §8.4).</summary>
public sealed record BlockInfo(ulong BlockNumber, ulong BlockTimestamp, Felt SequencerAddress);
