namespace Cairn.Execution.Json;

/// <summary>
/// Bad JSON input (a transaction or a class): the message names the offending field by its path,
/// e.g. <c>resource_bounds.l1_gas.max_amount: 0x1ffffffffffffffff is wider than 64 bits</c>.
/// </summary>
public sealed class JsonInputException : Exception
{
    public JsonInputException(string path, string message)
        : base(path.Length == 0 ? message : $"{path}: {message}")
    {
        Path = path;
    }

    public JsonInputException(string path, string message, Exception inner)
        : base(path.Length == 0 ? message : $"{path}: {message}", inner)
    {
        Path = path;
    }

    /// <summary>The JSON path of the bad field ("" for the document itself).</summary>
    public string Path { get; }
}
