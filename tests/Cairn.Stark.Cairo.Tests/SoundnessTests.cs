using Cairn.Cairo.Output;
using Cairn.Primitives;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Cairo.Proving;

namespace Cairn.Stark.Cairo.Tests;

/// <summary>
/// Spec stark-prover.md §5.12: single wrong cells, constraint families, wrong public inputs, tampered proofs and swapped
/// memory must all be rejected. Broken traces are proven without self-checks, as a dishonest prover would.
/// </summary>
public class SoundnessTests
{
    private static readonly Lazy<PlainTrace> Factorial = new(() => PlainTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Example("factorial"))));
    private static readonly Lazy<PlainTrace> WithHoles = new(() => PlainTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Holes)));
    private static readonly Lazy<CairoProof> FactorialProof = new(() => new CairoProver(SecurityProfile.Test).Prove(Factorial.Value));

    private static PlainTrace Clone(PlainTrace trace, CairoPublicInput? statement = null)
    {
        var columns = new Felt[trace.Columns.Length][];
        for (int c = 0; c < columns.Length; c++) columns[c] = (Felt[])trace.Columns[c].Clone();
        return new PlainTrace(columns, statement ?? trace.PublicInput);
    }

    private static bool Verifies(PlainTrace trace)
    {
        var proof = new CairoProver(SecurityProfile.Test).ProveUnchecked(trace);
        return CairoVerifier.Verify(CairoProof.FromBytes(proof.ToBytes()), 0, out _);
    }

    private static ulong Flags(PlainTrace trace, int step) => trace.Columns[1][step * 16].ToUInt64();

    /// <summary>The first step whose flags satisfy <paramref name="predicate"/>.</summary>
    private static int FindStep(PlainTrace trace, Func<ulong, bool> predicate)
    {
        for (int k = 0; k < trace.Length / 16; k++)
            if (predicate(Flags(trace, k))) return k;
        throw new InvalidOperationException("no such step");
    }

    private static bool Bit(ulong flags, int i) => ((flags >> i) & 1) != 0;

    public static TheoryData<int, int> Cells()
    {
        var data = new TheoryData<int, int>();
        int t = 64 * 16; // factorial: 64 steps
        int[][] rows =
        [
            [0, 1, 8, t - 1],
            [0, 15, t - 16, t - 1],
            [0, t - 1],
            [0, 1, 2, 13, 14, t - 2],
            [1, t / 2, t - 1],
            [0, 4, 10, 12, t - 16, t - 8],
        ];
        for (int c = 0; c < rows.Length; c++)
            foreach (int r in rows[c]) data.Add(c, r);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void SingleWrongCellIsRejected(int column, int row)
    {
        Assert.Equal(64 * 16, Factorial.Value.Length);
        var trace = Clone(Factorial.Value);
        trace.Columns[column][row] += Felt.One;
        Assert.NotEmpty(ConstraintChecker.Violated(trace));
        Assert.False(Verifies(trace));
    }

    public static TheoryData<string> Families() =>
    [
        "decode", "operands", "update", "call", "ret", "assert_eq", "initial", "final", "memory_product", "memory_continuity",
        "public_slots", "rc_product", "rc_min", "rc_max",
    ];

    /// <summary>
    /// One case per constraint family: the mutation breaks the named constraint; where a single change can isolate the
    /// family (all but call, ret and assert_eq, whose cells feed other families too), nothing outside it breaks.
    /// </summary>
    [Theory]
    [MemberData(nameof(Families))]
    public void EachConstraintFamilyIsEnforced(string family)
    {
        var honest = family == "memory_continuity" ? WithHoles.Value : Factorial.Value;
        var trace = Clone(honest);
        var input = honest.PublicInput;
        var c = trace.Columns;
        int required;
        int[]? only = null;
        switch (family)
        {
            case "decode":
            {
                int k = FindStep(trace, f => Bit(f, 14));            // assert_eq: dst = res keeps f_14·(dst − res) at 0
                c[1][16 * k + 15] = Felt.One;
                required = 1; only = [0, 1, 2, 3, 4, 5, 6];
                break;
            }
            case "operands":
            {
                int k = FindStep(trace, f => !Bit(f, 6));
                c[5][16 * k + 4] += Felt.One;                        // mul
                required = 10; only = [7, 8, 9, 10, 11];
                break;
            }
            case "update":
            {
                int k = FindStep(trace, f => !Bit(f, 7) && !Bit(f, 8) && !Bit(f, 9));
                c[5][16 * k + 10] += Felt.One;                       // t1
                required = 13; only = [12, 13, 14, 15, 16, 17];
                break;
            }
            case "call":
            {
                int k = FindStep(trace, f => Bit(f, 12));
                c[0][16 * k + 8] += Felt.One;                        // off_op0 of a call
                required = 21;
                break;
            }
            case "ret":
            {
                int k = FindStep(trace, f => Bit(f, 13));
                c[0][16 * k] -= Felt.One;                            // off_dst of a ret
                required = 23;
                break;
            }
            case "assert_eq":
            {
                int k = FindStep(trace, f => Bit(f, 14));
                c[5][16 * k + 12] += Felt.One;                       // res
                required = 26;
                break;
            }
            case "initial":
            {
                var s = input.Air.MemorySegments.ToArray();
                s[1] = s[1] with { BeginAddr = s[1].BeginAddr + 1 };
                trace = Clone(honest, new CairoPublicInput(input.Air with { MemorySegments = s }));
                required = 27; only = [27, 28, 29, 30, 31, 32];
                break;
            }
            case "final":
            {
                var s = input.Air.MemorySegments.ToArray();
                s[0] = s[0] with { StopPtr = s[0].StopPtr + 1 };
                trace = Clone(honest, new CairoPublicInput(input.Air with { MemorySegments = s }));
                required = 32; only = [32];
                break;
            }
            case "memory_product":
            {
                // A different value in the sorted memory at an address read once: the products no longer match.
                int i = FindUniqueAddressPair(c[4]);
                c[4][2 * i + 1] += Felt.One;
                required = 35; only = [33, 34, 35, 36, 37, 38];
                break;
            }
            case "memory_continuity":
            {
                // Move one hole (a spare pair) beyond the end, in both copies: the products agree, continuity breaks.
                ulong max = 0;
                for (int i = 0; i < c[4].Length / 2; i++) max = Math.Max(max, c[4][2 * i].ToUInt64());
                int row = -1;
                for (int r = 6; r < c[3].Length; r += 8)
                {
                    ulong a = c[3][r].ToUInt64();
                    if (a < max - 1) { row = r; break; }
                }
                Assert.True(row >= 0, "the program has no memory hole");
                Felt moved = c[3][row];
                c[3][row] = Felt.FromUInt64(max + 3);
                var pairs = new List<(ulong A, Felt V)>();
                bool removed = false;
                for (int i = 0; i < c[4].Length / 2; i++)
                {
                    if (!removed && c[4][2 * i] == moved) { removed = true; continue; }
                    pairs.Add((c[4][2 * i].ToUInt64(), c[4][2 * i + 1]));
                }
                pairs.Add((max + 3, Felt.Zero));
                for (int i = 0; i < pairs.Count; i++) { c[4][2 * i] = Felt.FromUInt64(pairs[i].A); c[4][2 * i + 1] = pairs[i].V; }
                required = 36; only = [36, 37];
                break;
            }
            case "public_slots":
            {
                c[3][2] = Felt.FromUInt64(3);
                required = 39;
                break;
            }
            case "rc_product":
            {
                c[0][1] = Felt.FromUInt64((ulong)input.RcMin);       // a spare rc16 cell, still in range
                required = 43; only = [41, 42, 43, 44, 45, 46];
                break;
            }
            case "rc_min":
            {
                trace = Clone(honest, new CairoPublicInput(input.Air with { RcMin = input.RcMin - 1 }));
                required = 45; only = [45];
                break;
            }
            case "rc_max":
            {
                trace = Clone(honest, new CairoPublicInput(input.Air with { RcMax = input.RcMax + 1 }));
                required = 46; only = [46];
                break;
            }
            default:
                throw new ArgumentException(family);
        }
        var violated = ConstraintChecker.Violated(trace);
        Assert.Contains(required, violated);
        if (only is not null) Assert.Subset(new SortedSet<int>(only), violated);
        Assert.False(Verifies(trace));
    }

    private static int FindUniqueAddressPair(Felt[] sorted)
    {
        int pairs = sorted.Length / 2;
        for (int i = 1; i + 1 < pairs; i++)
            if (sorted[2 * i] != sorted[2 * i - 2] && sorted[2 * i] != sorted[2 * i + 2]) return i;
        throw new InvalidOperationException("no address is accessed once");
    }

    [Fact]
    public void CheckedProverRefusesBrokenTraces()
    {
        foreach (var (column, row) in new[] { (1, 5), (3, 9), (5, 2) })
        {
            var trace = Clone(Factorial.Value);
            trace.Columns[column][row] += Felt.One;
            var e = Record.Exception(() => new CairoProver(SecurityProfile.Test) { ValidateTrace = true }.Prove(trace));
            Assert.True(e is InvalidOperationException or CairoProverException, e?.ToString());
        }
    }

    [Fact]
    public void SwappedMemoryIsRejected()
    {
        var trace = Clone(Factorial.Value);
        var c4 = trace.Columns[4];
        int i = FindUniqueAddressPair(c4);
        int j = i + 1;
        while (c4[2 * j + 1] == c4[2 * i + 1]) j++;
        (c4[2 * i + 1], c4[2 * j + 1]) = (c4[2 * j + 1], c4[2 * i + 1]);
        Assert.NotEmpty(ConstraintChecker.Violated(trace));
        Assert.False(Verifies(trace));
    }

    [Fact]
    public void SwappedMemoryInTheInputIsRefusedByTheProver()
    {
        var runner = CairoPrograms.Run(CairoPrograms.Example("fibonacci"));
        var table = runner.GetRelocationTable();
        var memory = MemoryFile.ToBytes(runner.Memory, table);
        // Swap the values of the last two cells (the fibonacci state on the stack).
        int n = memory.Length / MemoryFile.RecordSize;
        var a = memory.AsSpan((n - 1) * MemoryFile.RecordSize + 8, 32).ToArray();
        memory.AsSpan((n - 2) * MemoryFile.RecordSize + 8, 32).CopyTo(memory.AsSpan((n - 1) * MemoryFile.RecordSize + 8, 32));
        a.CopyTo(memory.AsSpan((n - 2) * MemoryFile.RecordSize + 8, 32));
        var execution = Input.CairoExecution.FromBytes(TraceFile.ToBytes(runner.Vm.Trace, table), memory, runner.GetAirPublicInput());
        Assert.Throws<CairoProverException>(() => PlainTraceBuilder.Build(execution));
    }

    public static TheoryData<string> PublicInputChanges() =>
    [
        "rc_min", "rc_max", "n_steps", "program_begin", "program_stop", "execution_begin", "execution_stop", "memory_value",
        "memory_address", "memory_dropped", "memory_added", "layout",
    ];

    [Theory]
    [MemberData(nameof(PublicInputChanges))]
    public void WrongPublicInputIsRejected(string change)
    {
        var proof = FactorialProof.Value;
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);
        var air = proof.PublicInput.Air;
        var segments = air.MemorySegments.ToArray();
        var memory = air.PublicMemory.ToList();
        AirPublicInput changed = change switch
        {
            "rc_min" => air with { RcMin = air.RcMin - 1 },
            "rc_max" => air with { RcMax = air.RcMax + 1 },
            "n_steps" => air with { NSteps = air.NSteps * 2 },
            "program_begin" => air with { MemorySegments = Replace(segments, 0, segments[0] with { BeginAddr = 2 }) },
            "program_stop" => air with { MemorySegments = Replace(segments, 0, segments[0] with { StopPtr = segments[0].StopPtr + 1 }) },
            "execution_begin" => air with { MemorySegments = Replace(segments, 1, segments[1] with { BeginAddr = segments[1].BeginAddr + 1 }) },
            "execution_stop" => air with { MemorySegments = Replace(segments, 1, segments[1] with { StopPtr = segments[1].StopPtr - 1 }) },
            "memory_value" => air with { PublicMemory = Replace(memory, memory.Count - 1, memory[^1] with { Value = memory[^1].Value + Felt.One }) },
            "memory_address" => air with { PublicMemory = Replace(memory, 3, memory[3] with { Address = memory[3].Address + 100 }) },
            "memory_dropped" => air with { PublicMemory = memory.Take(memory.Count - 1).ToList() },
            "memory_added" => air with { PublicMemory = [.. memory, new PublicMemoryEntry(memory[^1].Address + 1, Felt.One, 0)] },
            "layout" => air with { Layout = "small" },
            _ => throw new ArgumentException(change),
        };
        var forged = new CairoProof(proof.Profile, new CairoPublicInput(changed), proof.StarkProof);
        Assert.False(CairoVerifier.Verify(forged, 0, out _));
        Assert.False(CairoVerifier.Verify(CairoProof.FromBytes(forged.ToBytes()), 0, out _));
    }

    private static T[] Replace<T>(T[] items, int index, T value)
    {
        var copy = (T[])items.Clone();
        copy[index] = value;
        return copy;
    }

    private static List<T> Replace<T>(List<T> items, int index, T value)
    {
        var copy = new List<T>(items) { [index] = value };
        return copy;
    }

    [Fact]
    public void TamperedProofBytesAreRejected()
    {
        var proof = FactorialProof.Value;
        var bytes = proof.StarkProof;
        // Every byte of the roots, OODS values and FRI commitments, then a stride through the decommitments.
        int checkedBytes = 0;
        for (int i = 0; i < bytes.Length; i += i < 4096 ? 5 : 97)
        {
            var bad = (byte[])bytes.Clone();
            bad[i] ^= (byte)(1 << (i % 8));
            Assert.False(CairoVerifier.Verify(new CairoProof(proof.Profile, proof.PublicInput, bad), 0, out _), $"byte {i} of {bytes.Length}");
            checkedBytes++;
        }
        Assert.True(checkedBytes > 500);
        Assert.False(CairoVerifier.Verify(new CairoProof(proof.Profile, proof.PublicInput, bytes[..^1]), 0, out _));
        Assert.False(CairoVerifier.Verify(new CairoProof(proof.Profile, proof.PublicInput, [.. bytes, 0]), 0, out _));
    }

    [Fact]
    public void TamperedProofFileIsRejectedOrUnreadable()
    {
        var file = FactorialProof.Value.ToBytes();
        for (int i = 0; i < file.Length; i += 13)
        {
            var bad = (byte[])file.Clone();
            bad[i] ^= 0x01;
            bool accepted;
            try
            {
                accepted = CairoVerifier.Verify(CairoProof.FromBytes(bad), 0, out _);
            }
            catch (FormatException)
            {
                accepted = false;
            }
            Assert.False(accepted, $"byte {i}");
        }
    }

    [Fact]
    public void ParametersAreCheckedAgainstTheSecurityFloor()
    {
        var proof = FactorialProof.Value;
        Assert.True(CairoVerifier.Verify(proof, 24, out _));
        Assert.False(CairoVerifier.Verify(proof, 25, out var error));
        Assert.Contains("bits", error);
        Assert.False(CairoVerifier.Verify(proof));
        // Claiming other parameters for the same bytes fails.
        var other = new CairoProof(proof.Profile with { Queries = 11 }, proof.PublicInput, proof.StarkProof);
        Assert.False(CairoVerifier.Verify(other, 0, out _));
    }

    [Fact]
    public void PublicInputBoundsAreChecked()
    {
        var air = Factorial.Value.PublicInput.Air;
        Assert.Null(new CairoPublicInput(air).Validate());
        Assert.NotNull(new CairoPublicInput(air with { RcMax = 1 << 16 }).Validate());
        Assert.NotNull(new CairoPublicInput(air with { RcMin = air.RcMax + 1 }).Validate());
        Assert.NotNull(new CairoPublicInput(air with { NSteps = 48 }).Validate());
        Assert.NotNull(new CairoPublicInput(air with { PublicMemory = [] }).Validate());
        Assert.NotNull(new CairoPublicInput(air with { NSteps = 2 }).Validate()); // more public memory than slots
        var twoValues = air.PublicMemory.ToList();
        twoValues.Add(twoValues[0] with { Value = twoValues[0].Value + Felt.One });
        Assert.NotNull(new CairoPublicInput(air with { PublicMemory = twoValues }).Validate());
    }
}
