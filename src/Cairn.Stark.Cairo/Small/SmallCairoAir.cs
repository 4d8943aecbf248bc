using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Cairo.Builtins;
using Cairn.Stark.Cairo.Plain;

namespace Cairn.Stark.Cairo.Small;

/// <summary>
/// The Cairo AIR for Stone's <c>small</c> layout's output and range_check builtins, on the plain geometry: the 47
/// constraints and 49 mask entries of <see cref="CpuAir"/>, then the range-check builtin (ratio 8: one instance per 8
/// steps = 128 rows, <c>n_steps / 8</c> instances, used or not):
/// <list type="bullet">
/// <item>parts: c0 rows <c>128i + 16j + 12</c>, <c>j = 0…7</c> (row 12 of each step, a spare cell of the rc16 pool, so
/// each part is range-checked to 16 bits by the pool's permutation, §6.5);</item>
/// <item>memory pair: c3 rows <c>128i + 6</c> (address) and <c>128i + 7</c> (value), the first spare pair of the
/// instance's first step (it joins the memory permutation, §6.4);</item>
/// <item>constraints 47 <c>range_check_builtin/value</c>: <c>value = ((p_0·2^16 + p_1)·2^16 + …) + p_7</c> on rows
/// <c>≡ 0 (mod 128)</c>; 48 <c>range_check_builtin/addr_step</c>: next address = address + 1 on the same rows but the
/// last; 49 <c>range_check_builtin/init_addr</c>: the first address = the range_check segment's <c>begin_addr</c>;</item>
/// <item>mask entries 49–59: c0 {12, 28, 44, 60, 76, 92, 108, 124}, c3 {6, 7, 134}.</item>
/// </list>
/// Capacities: 2·n_steps public-memory slots (as plain), 2·n_steps − n_steps/8 spare memory pairs for holes (the unused
/// pedersen and ecdsa cells are holes), 13·n_steps − 8·(written instances) spare rc16 cells for holes. The output
/// builtin has no constraint: the verifier requires every output cell to be public memory (bound by <c>P_pub</c>),
/// requires the pedersen and ecdsa segments to be empty (Cairn does not constrain them yet) and binds the program's
/// builtin pointers on its initial and final stack to the segments (<see cref="CairoPublicInput.Validate"/>). The channel seed is the
/// plain one with the layout name "small" and its six segments (program, execution, output, pedersen, range_check,
/// ecdsa). This is not Stone's small layout byte for byte (Stone: 23 + 2 columns, 179 constraints, pedersen and ecdsa
/// constrained); it is sound for programs that use output and range_check only.
/// </summary>
public sealed class SmallCairoAir : CpuAir
{
    public const int ConstraintCount = CpuConstraintCount + 3;

    private const int Parts = CpuMaskCount;                      // c0 part cells
    private const int Address = CpuMaskCount + RangeCheckBuiltinCells.Parts;
    private const int Value = Address + 1;
    private const int NextAddress = Address + 2;

    private readonly Felt _rcBegin;

    public SmallCairoAir(CairoPublicInput publicInput)
        : base(publicInput, "small", Domains(publicInput), MaskEntries())
    {
        _rcBegin = Felt.FromUInt64(publicInput.Segment("range_check")!.Value.BeginAddr);
    }

    /// <summary>The Stone names of the 50 constraints, in order.</summary>
    public static IReadOnlyList<string> ConstraintNames { get; } =
        [.. CpuConstraintNames, "range_check_builtin/value", "range_check_builtin/addr_step", "range_check_builtin/init_addr"];

    private static ConstraintDomain[] Domains(CairoPublicInput publicInput)
    {
        if (publicInput.Validate() is { } error) throw new ArgumentException($"invalid public input: {error}", nameof(publicInput));
        int t = checked((int)(publicInput.NSteps * RowsPerStep));
        const int r = RangeCheckBuiltinCells.RowsPerInstance;
        if (t < r) throw new ArgumentException($"the small layout needs at least {RangeCheckBuiltinCells.Ratio} steps", nameof(publicInput));
        return [new ConstraintDomain(r, 0), new ConstraintDomain(r, 0, t - r), ConstraintDomain.SingleRow(0, t)];
    }

    private static MaskEntry[] MaskEntries()
    {
        var mask = new List<MaskEntry>();
        for (int j = 0; j < RangeCheckBuiltinCells.Parts; j++) mask.Add(new(RangeCheckBuiltinCells.PartRow(j), 0));
        mask.Add(new(RangeCheckBuiltinCells.AddressRow, 3));
        mask.Add(new(RangeCheckBuiltinCells.ValueRow, 3));
        mask.Add(new(RangeCheckBuiltinCells.RowsPerInstance + RangeCheckBuiltinCells.AddressRow, 3));
        return [.. mask];
    }

    protected override void EvaluateBuiltins(ReadOnlySpan<Felt> mask, Span<Felt> c)
    {
        Felt address = mask[Address];
        c[0] = mask[Value] - RangeCheckBuiltinCells.Compose(mask.Slice(Parts, RangeCheckBuiltinCells.Parts));
        c[1] = mask[NextAddress] - (address + Felt.One);
        c[2] = address - _rcBegin;
    }
}
