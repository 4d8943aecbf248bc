using Cairn.Primitives;

namespace Cairn.Cairo.Output;

/// <summary>One <c>public_memory</c> entry of the AIR public input.</summary>
public readonly record struct PublicMemoryEntry(ulong Address, Felt Value, int Page);
