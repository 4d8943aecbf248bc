namespace Cairn.Storage;

/// <summary>A storage backend failed (I/O error, corruption, a database locked by another process …).</summary>
public sealed class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
