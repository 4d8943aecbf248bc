using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>One entry point of a CASM class: selector, pc offset into the bytecode, and builtins in order (cairo-vm.md §6.3).</summary>
public sealed record CasmEntryPoint(Felt Selector, int Offset, IReadOnlyList<string> Builtins);
