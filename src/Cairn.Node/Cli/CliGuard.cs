using System.CommandLine;
using Cairn.Execution.Json;

namespace Cairn.Node.Cli;

/// <summary>Runs a command's body: bad input becomes `error: NAME: …` on stderr and exit code 2, nothing on stdout.</summary>
internal static class CliGuard
{
    public static int Run(ParseResult parse, string name, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is CliInputException or JsonInputException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {name}: {e.Message}");
            return ValueCommand.ExitInputError;
        }
    }
}
