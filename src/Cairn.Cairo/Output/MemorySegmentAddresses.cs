namespace Cairn.Cairo.Output;

/// <summary>One <c>memory_segments</c> entry of the AIR public input (relocated addresses).</summary>
public readonly record struct MemorySegmentAddresses(string Name, ulong BeginAddr, ulong StopPtr);
