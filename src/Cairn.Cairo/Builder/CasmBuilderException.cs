namespace Cairn.Cairo.Builder;

/// <summary>A misuse of <see cref="CasmBuilder"/>: an unknown or twice-bound label, a cell whose ap tracking was lost, an offset out of range, …</summary>
public sealed class CasmBuilderException(string message) : Exception(message);
