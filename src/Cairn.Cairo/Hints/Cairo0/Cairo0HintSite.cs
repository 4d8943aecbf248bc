using Cairn.Cairo.Programs;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// A Cairo 0 hint being compiled: its definition (code, scopes, ap tracking, reference ids) and
/// the program it belongs to (references, identifiers and constants, cairo-vm.md §6.1–§6.2).
/// </summary>
public sealed record Cairo0HintSite(HintDefinition Definition, CairoProgram Program);
