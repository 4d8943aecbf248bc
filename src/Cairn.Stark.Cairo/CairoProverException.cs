namespace Cairn.Stark.Cairo;

/// <summary>The prover's input cannot be proven (bad files, an execution the AIR does not accept, capacity exceeded).</summary>
public sealed class CairoProverException : Exception
{
    public CairoProverException(string message) : base(message)
    {
    }
}
