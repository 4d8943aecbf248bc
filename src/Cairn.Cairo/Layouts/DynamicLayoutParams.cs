using System.Text.Json;

namespace Cairn.Cairo.Layouts;

/// <summary>
/// Parameters of the dynamic layout (<c>--cairo_layout_params_file</c>, cairo-vm.md §5). A builtin
/// with ratio 0 is not used.
/// </summary>
public sealed record DynamicLayoutParams
{
    public int RcUnits { get; init; }

    public int CpuComponentStep { get; init; } = 1;

    public int MemoryUnitsPerStep { get; init; } = 8;

    public int LogDilutedUnitsPerStep { get; init; }

    /// <summary>Ratio (and denominator) by builtin name; absent or 0 = not used.</summary>
    public IReadOnlyDictionary<string, (int Ratio, int RatioDen)> Ratios { get; init; } = new Dictionary<string, (int, int)>();

    /// <summary>
    /// Parses the params file: <c>rc_units</c>, <c>cpu_component_step</c>,
    /// <c>memory_units_per_step</c>, <c>log_diluted_units_per_step</c>, and per builtin
    /// <c>uses_&lt;b&gt;_builtin</c> (0/1 or a boolean), <c>&lt;b&gt;_ratio</c>, <c>&lt;b&gt;_ratio_den</c>.
    /// </summary>
    public static DynamicLayoutParams Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        int Int(string name, int fallback)
        {
            if (!root.TryGetProperty(name, out var e)) return fallback;
            return e.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.Number => e.GetInt32(),
                _ => throw new FormatException($"dynamic layout params: '{name}' must be an integer"),
            };
        }
        var ratios = new Dictionary<string, (int, int)>();
        foreach (var b in Builtins.BuiltinRunner.CanonicalOrder)
        {
            if (b == "output") continue;
            int uses = Int($"uses_{b}_builtin", 0);
            int ratio = Int($"{b}_ratio", 0);
            if (uses == 0 && ratio != 0) throw new FormatException($"dynamic layout params: {b} is not used but has ratio {ratio}");
            if (uses != 0) ratios[b] = (ratio, Int($"{b}_ratio_den", 1));
        }
        return new DynamicLayoutParams
        {
            RcUnits = Int("rc_units", 4),
            CpuComponentStep = Int("cpu_component_step", 1),
            MemoryUnitsPerStep = Int("memory_units_per_step", 8),
            LogDilutedUnitsPerStep = Int("log_diluted_units_per_step", 0),
            Ratios = ratios,
        };
    }
}
