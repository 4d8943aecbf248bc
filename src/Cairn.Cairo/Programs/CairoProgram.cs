using System.Text.Json;
using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>
/// A Cairo 0 compiled program (<c>cairo-compile</c> output, cairo-vm.md §6.1): data words, builtins,
/// hints by pc, identifiers and references. Entry points resolve through the identifiers
/// (<c>__main__.main</c>, <c>__main__.__start__</c>, <c>__main__.__end__</c>).
/// </summary>
public sealed class CairoProgram
{
    /// <summary>The Cairo prime, as <c>prime</c> must spell it (canonical hex digits).</summary>
    public const string PrimeHex = "800000000000011000000000000000000000000000000000000000000000001";

    public CairoProgram(
        IReadOnlyList<Felt> data,
        IReadOnlyList<string>? builtins = null,
        IReadOnlyDictionary<int, IReadOnlyList<HintDefinition>>? hints = null,
        IReadOnlyDictionary<string, ProgramIdentifier>? identifiers = null,
        IReadOnlyList<ProgramReference>? references = null,
        string mainScope = "__main__")
    {
        Data = data;
        Builtins = builtins ?? [];
        Hints = hints ?? new Dictionary<int, IReadOnlyList<HintDefinition>>();
        Identifiers = identifiers ?? new Dictionary<string, ProgramIdentifier>();
        References = references ?? [];
        MainScope = mainScope;
    }

    public IReadOnlyList<Felt> Data { get; }

    /// <summary>Builtin names without the <c>_builtin</c> suffix, in <c>%builtins</c> order.</summary>
    public IReadOnlyList<string> Builtins { get; }

    /// <summary>Hints by pc (offset into <see cref="Data"/>), in the order they run.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<HintDefinition>> Hints { get; }

    public IReadOnlyDictionary<string, ProgramIdentifier> Identifiers { get; }

    public IReadOnlyList<ProgramReference> References { get; }

    public string MainScope { get; }

    /// <summary>pc of <c>main</c> in the main scope, or null.</summary>
    public int? MainPc => GetLabelPc(MainScope + ".main");

    /// <summary>pc of <c>__start__</c> (proof-mode programs), or null.</summary>
    public int? StartPc => GetLabelPc(MainScope + ".__start__");

    /// <summary>pc of <c>__end__</c> (proof-mode programs), or null.</summary>
    public int? EndPc => GetLabelPc(MainScope + ".__end__");

    /// <summary>The pc of a function or label, following aliases.</summary>
    public int? GetLabelPc(string fullName)
    {
        for (int depth = 0; depth < 64 && Identifiers.TryGetValue(fullName, out var id); depth++)
        {
            if (id.Type == "alias" && id.Destination is { } dest)
            {
                fullName = dest;
                continue;
            }
            return id.Pc;
        }
        return null;
    }

    /// <summary>Loads a compiled program from a file.</summary>
    public static CairoProgram Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ProgramLoadException($"cannot read program file {path}: {e.Message}", e);
        }
        return Parse(bytes);
    }

    public static CairoProgram Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Parses <c>cairo-compile</c> JSON. Bad input is a <see cref="ProgramLoadException"/>.</summary>
    public static CairoProgram Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            using var doc = JsonDocument.ParseValue(ref reader);
            return CairoProgramJson.Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new ProgramLoadException($"malformed program JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new ProgramLoadException($"malformed program JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new ProgramLoadException($"malformed program JSON: {e.Message}", e);
        }
    }
}
