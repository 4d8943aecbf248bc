namespace Cairn.Cairo.Programs;

/// <summary>An entry of <c>reference_manager.references</c>: pc, value expression, ap tracking.</summary>
public sealed record ProgramReference(int Pc, string Value, ApTracking ApTracking);
