namespace Cairn.Cairo.Assembler;

/// <summary>A syntax or resolution error in Cairo assembly, with its 1-based line number.</summary>
public sealed class AssemblerException(int line, string message) : Exception($"line {line}: {message}")
{
    public int Line { get; } = line;
}
