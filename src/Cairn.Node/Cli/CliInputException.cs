namespace Cairn.Node.Cli;

/// <summary>Bad input from the command line: reported as a one-line error, never a stack trace.</summary>
public sealed class CliInputException(string message) : Exception(message);
