namespace Cairn.Cairo.Programs;

/// <summary>A compiled program could not be loaded (malformed JSON, wrong prime, missing field …).</summary>
public sealed class ProgramLoadException : Exception
{
    public ProgramLoadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
