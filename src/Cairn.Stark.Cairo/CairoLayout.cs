using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Cairo.Small;

namespace Cairn.Stark.Cairo;

/// <summary>
/// A layout Cairn can prove (spec stark-prover.md §6, §7.4): its name, its memory segments in the layout's order (the
/// order of the seed and of <c>air_public_input.json</c>), the range-check builtin's ratio (steps per instance; 0 when
/// the layout has none) and the builtins the layout names but Cairn does not constrain yet (their segments must be
/// empty).
/// </summary>
public sealed class CairoLayout
{
    private CairoLayout(string name, IReadOnlyList<string> segments, int rangeCheckRatio, IReadOnlyList<string> unconstrained)
    {
        Name = name;
        Segments = segments;
        RangeCheckRatio = rangeCheckRatio;
        Unconstrained = unconstrained;
    }

    /// <summary>Stone's <c>plain</c>: no builtins.</summary>
    public static CairoLayout Plain { get; } = new("plain", ["program", "execution"], 0, []);

    /// <summary>
    /// Stone's <c>small</c> segments (output, pedersen 8, range_check 8, ecdsa 512); Cairn constrains output and
    /// range_check, and requires pedersen and ecdsa to be unused.
    /// </summary>
    public static CairoLayout Small { get; } =
        new("small", ["program", "execution", "output", "pedersen", "range_check", "ecdsa"], 8, ["pedersen", "ecdsa"]);

    public static IReadOnlyList<CairoLayout> All { get; } = [Plain, Small];

    public string Name { get; }

    public IReadOnlyList<string> Segments { get; }

    /// <summary>Steps per range-check builtin instance (0: no range-check builtin).</summary>
    public int RangeCheckRatio { get; }

    /// <summary>Builtins of the layout that Cairn does not prove: a proof requires their segments to be empty.</summary>
    public IReadOnlyList<string> Unconstrained { get; }

    public bool HasOutput => Segments.Contains("output");

    /// <summary>The layout's AIR for a statement (the statement's layout must be this one).</summary>
    public CpuAir CreateAir(CairoPublicInput publicInput) => CreateAir(publicInput, checkInteraction: true);

    internal CpuAir CreateAir(CairoPublicInput publicInput, bool checkInteraction) => Name switch
    {
        "plain" => new PlainCairoAir(publicInput) { CheckInteraction = checkInteraction },
        _ => new SmallCairoAir(publicInput) { CheckInteraction = checkInteraction },
    };

    /// <summary>The layout's main trace of a proof-mode run made with this layout.</summary>
    public PlainTrace BuildTrace(CairoExecution execution) => Name switch
    {
        "plain" => PlainTraceBuilder.Build(execution),
        _ => SmallTraceBuilder.Build(execution),
    };

    /// <summary>The layout named <paramref name="name"/>, or null when Cairn cannot prove it.</summary>
    public static CairoLayout? Find(string name)
    {
        foreach (var layout in All)
            if (layout.Name == name) return layout;
        return null;
    }

    /// <summary>The layout named <paramref name="name"/>; a <see cref="CairoProverException"/> when Cairn cannot prove it.</summary>
    public static CairoLayout Get(string name) =>
        Find(name) ?? throw new CairoProverException($"layout '{name}' is not supported by the prover (supported: {string.Join(", ", All.Select(l => l.Name))})");
}
