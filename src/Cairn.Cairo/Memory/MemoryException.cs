namespace Cairn.Cairo.Memory;

/// <summary>A memory rule was broken: inconsistent write, unknown cell, bad relocatable arithmetic.</summary>
public sealed class MemoryException : Exception
{
    public MemoryException(string message)
        : base(message)
    {
    }
}
