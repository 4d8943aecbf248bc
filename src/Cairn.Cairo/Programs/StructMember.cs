namespace Cairn.Cairo.Programs;

/// <summary>A member of a struct identifier: its Cairo type (e.g. <c>felt</c>, <c>a.b.T*</c>) and cell offset.</summary>
public sealed record StructMember(string CairoType, int Offset);
