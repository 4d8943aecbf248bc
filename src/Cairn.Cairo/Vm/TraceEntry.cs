using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Vm;

/// <summary>The registers at the start of one step (before its register update).</summary>
public readonly record struct TraceEntry(Relocatable Pc, Relocatable Ap, Relocatable Fp);
