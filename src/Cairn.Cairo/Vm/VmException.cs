using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Vm;

/// <summary>A run failed. The message names the pc of the failing step when there is one.</summary>
public sealed class VmException : Exception
{
    public VmException(string message, Relocatable? pc = null, Exception? inner = null)
        : base(pc is { } p ? $"Error at pc={p}: {message}" : message, inner)
    {
        Pc = pc;
    }

    /// <summary>The pc of the failing step, when the error happened in a step.</summary>
    public Relocatable? Pc { get; }
}
