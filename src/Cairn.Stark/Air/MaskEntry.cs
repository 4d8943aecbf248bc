namespace Cairn.Stark.Air;

/// <summary>
/// One mask entry: the constraints read column <see cref="Column"/> at row <c>current + RowOffset</c>. Columns are
/// numbered across the main trace first, then the interaction trace (spec stark-prover.md §5.1).
/// </summary>
public readonly record struct MaskEntry(int RowOffset, int Column);
