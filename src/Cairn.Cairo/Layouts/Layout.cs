namespace Cairn.Cairo.Layouts;

/// <summary>
/// A Cairo layout: its builtins (in canonical order) with their ratios, and the pool sizes used by
/// the proof-mode capacity checks. The fixed layouts are data from cairo-vm.md §5
/// (starkware-libs/cairo-lang instances.py; lambdaclass/cairo-vm layout.rs).
/// </summary>
public sealed class Layout
{
    /// <summary>The names accepted by <see cref="Get"/> (dynamic needs <see cref="Dynamic"/>).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "plain", "small", "dex", "recursive", "starknet", "starknet_with_keccak", "recursive_large_output",
        "recursive_with_poseidon", "all_solidity", "all_cairo", "all_cairo_stwo", "stwo_no_ecop", "perpetual",
        "dex_with_bitwise",
    ];

    public Layout(string name, IReadOnlyList<LayoutBuiltin> builtins, int rcUnits, int publicMemoryFraction,
        DilutedPool? diluted, int memoryUnitsPerStep = 8, int cpuComponentStep = 1)
    {
        Name = name;
        Builtins = builtins;
        RcUnits = rcUnits;
        PublicMemoryFraction = publicMemoryFraction;
        Diluted = diluted;
        MemoryUnitsPerStep = memoryUnitsPerStep;
        CpuComponentStep = cpuComponentStep;
    }

    public string Name { get; }

    /// <summary>The layout's builtins in canonical order.</summary>
    public IReadOnlyList<LayoutBuiltin> Builtins { get; }

    public int RcUnits { get; }

    /// <summary>pmf: a 1/pmf share of the memory units is public memory.</summary>
    public int PublicMemoryFraction { get; }

    public DilutedPool? Diluted { get; }

    public int MemoryUnitsPerStep { get; }

    public int CpuComponentStep { get; }

    public static Layout Plain => Get("plain");

    /// <summary>The builtin entry, or null when the layout does not have the builtin.</summary>
    public LayoutBuiltin? Find(string builtin)
    {
        foreach (var b in Builtins)
        {
            if (b.Name == builtin) return b;
        }
        return null;
    }

    public bool Contains(string builtin) => Find(builtin) is not null;

    /// <summary>A fixed layout by name; unknown names (and <c>dynamic</c>) are an error.</summary>
    public static Layout Get(string name, LayoutVariant variant = LayoutVariant.CairoLang)
    {
        bool rust = variant == LayoutVariant.LambdaclassCairoVm;
        return name switch
        {
            "plain" => new(name, [], 16, 4, null),
            "small" => new(name, [Out(), B("pedersen", 8), B("range_check", 8), B("ecdsa", 512)], 16, 4, null),
            "dex" => new(name, [Out(), B("pedersen", 8), B("range_check", 8), B("ecdsa", 512)], 4, 4, null),
            "recursive" => new(name, [Out(), B("pedersen", 128), B("range_check", 8), B("bitwise", 8)], 4, 8, new DilutedPool(4)),
            "starknet" => new(name,
                [Out(), B("pedersen", 32), B("range_check", 16), B("ecdsa", 2048), B("bitwise", 64), B("ec_op", 1024), B("poseidon", 32)],
                4, rust ? 8 : 4, new DilutedPool(1)),
            "starknet_with_keccak" => new(name,
                [Out(), B("pedersen", 32), B("range_check", 16), B("ecdsa", 2048), B("bitwise", 64), B("ec_op", 1024), B("keccak", 2048), B("poseidon", 32)],
                4, rust ? 8 : 4, new DilutedPool(4)),
            "recursive_large_output" => new(name,
                [Out(), B("pedersen", 128), B("range_check", 8), B("bitwise", 8), B("poseidon", 8)], 4, 8, new DilutedPool(4)),
            "recursive_with_poseidon" => new(name,
                [Out(), B("pedersen", 256), B("range_check", 16), B("bitwise", 16), B("poseidon", 64)], 4, 8, new DilutedPool(3)),
            "all_solidity" => new(name,
                [Out(), B("pedersen", 8), B("range_check", 8), B("ecdsa", 512), B("bitwise", 256), B("ec_op", 256)], 8, 8, new DilutedPool(4)),
            "all_cairo" => new(name,
                [Out(), B("pedersen", 256), B("range_check", 8), B("ecdsa", 2048), B("bitwise", 16), B("ec_op", 1024), B("keccak", 2048),
                 B("poseidon", 256), B("range_check96", 8), B("add_mod", 128), B("mul_mod", 256)],
                rust ? 4 : 8, 8, new DilutedPool(4)),
            "all_cairo_stwo" => new(name,
                [Out(), B("pedersen", 256), B("range_check", 8), B("bitwise", 16), B("ec_op", 1024), B("poseidon", 256),
                 B("range_check96", 8), B("add_mod", 128), B("mul_mod", 256)],
                4, 8, new DilutedPool(4)),
            "stwo_no_ecop" => new(name,
                [Out(), B("pedersen", 256), B("range_check", 8), B("bitwise", 16), B("poseidon", 256),
                 B("range_check96", 8), B("add_mod", 128), B("mul_mod", 256)],
                4, 8, new DilutedPool(4)),
            "perpetual" => new(name, [Out(), B("pedersen", 32), B("range_check", 16), B("ecdsa", 2048)], 4, 4, null),
            "dex_with_bitwise" => new(name, [Out(), B("pedersen", 8), B("range_check", 8), B("ecdsa", 512), B("bitwise", 64)], 4, 4, new DilutedPool(1)),
            "dynamic" => throw new ArgumentException("the dynamic layout needs its parameters (Layout.Dynamic)", nameof(name)),
            _ => throw new ArgumentException($"Error: Invalid layout {name}. Layouts: {string.Join(", ", Names)}, dynamic", nameof(name)),
        };
    }

    /// <summary>
    /// The dynamic layout from its parameters: every builtin is present; an unused one has ratio 0
    /// (0 allocated instances).
    /// </summary>
    public static Layout Dynamic(DynamicLayoutParams p)
    {
        var builtins = new List<LayoutBuiltin> { Out() };
        foreach (var name in Cairo.Builtins.BuiltinRunner.CanonicalOrder)
        {
            if (name == "output") continue;
            var (ratio, den) = p.Ratios.TryGetValue(name, out var r) ? r : (0, 1);
            builtins.Add(new LayoutBuiltin(name, ratio, den));
        }
        return new Layout("dynamic", builtins, p.RcUnits, 8, new DilutedPool(p.LogDilutedUnitsPerStep), p.MemoryUnitsPerStep, p.CpuComponentStep);
    }

    private static LayoutBuiltin Out() => new("output", 0);

    private static LayoutBuiltin B(string name, int ratio) => new(name, ratio);
}
