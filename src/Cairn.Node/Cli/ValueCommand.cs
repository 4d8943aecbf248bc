using System.CommandLine;

namespace Cairn.Node.Cli;

/// <summary>The result of one evaluation: the output line and its exit code (0 ok, 1 a negative answer).</summary>
public readonly record struct Outcome(string Line, int ExitCode = 0);

/// <summary>
/// A command that maps a set of values to one line of output, either once from its arguments or,
/// with --stdin, once per input line (whitespace-separated values), one output line each.
/// </summary>
public static class ValueCommand
{
    public const int ExitInputError = 2;

    /// <param name="name">Command name.</param>
    /// <param name="description">Help text.</param>
    /// <param name="valuesHelp">How the values look in help, e.g. "A B".</param>
    /// <param name="minValues">Fewest values.</param>
    /// <param name="maxValues">Most values (int.MaxValue for any).</param>
    /// <param name="evaluate">Maps the values to a result; throws <see cref="CliInputException"/> on bad input.</param>
    /// <param name="wholeLine">With --stdin, the whole trimmed line is one value (names with spaces).</param>
    public static Command Create(string name, string description, string valuesHelp, int minValues, int maxValues,
        Func<IReadOnlyList<string>, Outcome> evaluate, bool wholeLine = false)
    {
        var values = new Argument<string[]>("values")
        {
            HelpName = valuesHelp,
            Description = valuesHelp,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var stdin = new Option<bool>("--stdin")
        {
            Description = "Read one set of values per line from standard input and print one result per line",
        };
        var command = new Command(name, description) { values, stdin };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(values) ?? [];
            if (parse.GetValue(stdin))
            {
                if (given.Length > 0)
                {
                    error.WriteLine($"error: {name}: give values either as arguments or on standard input, not both");
                    return ExitInputError;
                }
                return RunLines(name, minValues, maxValues, evaluate, wholeLine, CliApp.Input, output, error);
            }
            try
            {
                CheckCount(name, given.Length, minValues, maxValues);
                var outcome = evaluate(given);
                output.WriteLine(outcome.Line);
                return outcome.ExitCode;
            }
            catch (CliInputException e)
            {
                error.WriteLine($"error: {name}: {e.Message}");
                return ExitInputError;
            }
        });
        return command;
    }

    private static int RunLines(string name, int min, int max, Func<IReadOnlyList<string>, Outcome> evaluate, bool wholeLine,
        TextReader input, TextWriter output, TextWriter error)
    {
        int exit = 0;
        int lineNumber = 0;
        string? line;
        while ((line = input.ReadLine()) != null)
        {
            lineNumber++;
            var trimmed = line.Trim();
            try
            {
                // Every input line gets exactly one output line: a blank line is the empty list (or an error).
                IReadOnlyList<string> tokens = wholeLine ? [trimmed] : Tokenize(trimmed);
                CheckCount(name, tokens.Count, min, max);
                var outcome = evaluate(tokens);
                output.WriteLine(outcome.Line);
                exit = Math.Max(exit, outcome.ExitCode);
            }
            catch (CliInputException e)
            {
                output.WriteLine($"error: {e.Message}");
                error.WriteLine($"error: {name}: line {lineNumber}: {e.Message}");
                exit = ExitInputError;
            }
        }
        return exit;
    }

    /// <summary>Splits on whitespace, keeping a 'quoted short string' (which may hold spaces) as one value.</summary>
    internal static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }
            int start = i;
            if (line[i] == '\'')
            {
                int close = line.IndexOf('\'', i + 1);
                i = close < 0 ? line.Length : close + 1;
            }
            while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
            tokens.Add(line[start..i]);
        }
        return tokens;
    }

    private static void CheckCount(string name, int count, int min, int max)
    {
        if (count < min || count > max)
        {
            string expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw new CliInputException($"expected {expected} value{(max == 1 ? "" : "s")}, got {count} (see '{name} --help')");
        }
    }
}
