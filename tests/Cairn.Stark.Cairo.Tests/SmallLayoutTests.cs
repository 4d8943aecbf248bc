using System.Numerics;
using Cairn.Cairo.Output;
using Cairn.Primitives;
using Cairn.Stark.Cairo.Builtins;
using Cairn.Stark.Cairo.Input;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Cairo.Proving;
using Cairn.Stark.Cairo.Small;

namespace Cairn.Stark.Cairo.Tests;

/// <summary>
/// The small layout (output and range_check builtins on the plain geometry): round trips, the shape, and soundness —
/// wrong parts, values of 2^128 or more, wrong outputs, tampered segment pointers, unsupported builtins.
/// </summary>
public class SmallLayoutTests
{
    private static readonly Lazy<PlainTrace> Both = new(() => SmallTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Example("signed_window"), "small")));
    private static readonly Lazy<CairoProof> BothProof = new(() => new CairoProver(SecurityProfile.Test).Prove(Both.Value));

    private static string Source(string name) => name switch
    {
        "output" => CairoPrograms.Example("output"),
        "range_check" => CairoPrograms.RangeChecks(5),
        "both" => CairoPrograms.Example("signed_window"),
        "none" => CairoPrograms.Example("fibonacci"),
        "none_factorial" => CairoPrograms.Example("factorial"),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Programs() => ["output", "range_check", "both", "none", "none_factorial"];

    [Theory]
    [MemberData(nameof(Programs))]
    public void ProgramProvesAndVerifies(string name)
    {
        var execution = CairoPrograms.Execute(Source(name), "small");
        var trace = SmallTraceBuilder.Build(execution);
        Assert.Equal("small", trace.PublicInput.Layout);
        Assert.Equal(execution.Steps, trace.PublicInput.NSteps);
        Assert.Empty(ConstraintChecker.Violated(trace));
        var proof = new CairoProver(SecurityProfile.Test).Prove(execution);
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);
        var read = CairoProof.FromBytes(proof.ToBytes());
        Assert.True(CairoVerifier.Verify(read, 0, out error), error);
        Assert.Equal("small", read.PublicInput.Layout);
    }

    [Fact]
    public void OutputIsReportedAndRangeChecksArePlaced()
    {
        var trace = Both.Value;
        var input = trace.PublicInput;
        // examples/signed_window.casm: outputs -3, 5, 100 and range-checks each plus C (every part 2^15).
        Assert.Equal(new[] { Felt.Zero - Felt.FromUInt64(3), Felt.FromUInt64(5), Felt.FromUInt64(100) }, input.Output());
        Assert.Equal(512, input.NSteps);
        var rc = input.Segment("range_check")!.Value;
        Assert.Equal(3UL, rc.StopPtr - rc.BeginAddr);
        Assert.Equal(input.NSteps / 8, input.RangeCheckInstances);
        // Instance i: address begin + i at c3 row 128i + 6, value at row 128i + 7, parts in c0 (part 7 at row 124).
        var c = Felt.Parse(CairoPrograms.PartsAtHalf);
        Felt[] expected = [c - Felt.FromUInt64(3), c + Felt.FromUInt64(5), c + Felt.FromUInt64(100)];
        ulong[] lastParts = [0x8000 - 3, 0x8000 + 5, 0x8000 + 100];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Felt.FromUInt64(rc.BeginAddr + (ulong)i), trace.Columns[3][128 * i + 6]);
            Assert.Equal(expected[i], trace.Columns[3][128 * i + 7]);
            Assert.Equal(lastParts[i], trace.Columns[0][128 * i + 124].ToUInt64());
            for (int j = 0; j < 7; j++) Assert.Equal(0x8000UL, trace.Columns[0][128 * i + 16 * j + 12].ToUInt64());
        }
        // Unused instances compose what the hole filling gave their parts: still in range, still consistent.
        int last = (int)input.RangeCheckInstances - 1;
        var parts = new Felt[8];
        for (int j = 0; j < 8; j++) parts[j] = trace.Columns[0][128 * last + 16 * j + 12];
        Assert.Equal(RangeCheckBuiltinCells.Compose(parts), trace.Columns[3][128 * last + 7]);
        var summary = BothProof.Value.PublicInput;
        Assert.Equal(input.Output(), summary.Output());
    }

    [Fact]
    public void SmallAirHasTheRangeCheckConstraints()
    {
        var input = Both.Value.PublicInput;
        var air = new SmallCairoAir(input);
        Assert.Equal(6, air.MainColumns);
        Assert.Equal(2, air.InteractionColumns);
        Assert.Equal(3, air.InteractionChallenges);
        Assert.Equal(50, air.ConstraintDomains.Count);
        Assert.Equal(50, SmallCairoAir.ConstraintNames.Count);
        Assert.Equal(60, air.Mask.Count);
        Assert.Equal(new Cairn.Stark.Air.MaskEntry(124, 0), air.Mask[56]);
        Assert.Equal(new Cairn.Stark.Air.MaskEntry(134, 3), air.Mask[59]);
        // The plain AIR refuses a small statement and vice versa.
        Assert.Throws<ArgumentException>(() => new PlainCairoAir(input));
        var plain = PlainTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Example("fibonacci")));
        Assert.Throws<ArgumentException>(() => new SmallCairoAir(plain.PublicInput));
        // The seed carries the layout name and its six segments.
        Assert.NotEqual(new PlainCairoAir(plain.PublicInput).PublicInputSeed().Length, air.PublicInputSeed().Length);
        Assert.Equal(plain.PublicInput.Seed().Length + 4 * 2 * 32, new CairoPublicInput(plain.PublicInput.Air with
        {
            Layout = "small",
            MemorySegments = [.. plain.PublicInput.Segments, .. input.Segments.Skip(2)],
        }).Seed().Length);
    }

    [Fact]
    public void ManyRangeChecksForceMoreSteps()
    {
        // 100 range checks in ~500 steps: the runner pads to 1024 steps so that 100 ≤ n_steps / 8 (parts near 2^15:
        // the rc16 pool needs no more).
        var runner = CairoPrograms.Run(CairoPrograms.RangeChecks(100), "small");
        Assert.True(runner.OriginalSteps < 800);
        var execution = CairoExecution.FromRunner(runner);
        Assert.Equal(1024, execution.Steps);
        var input = new CairoPublicInput(execution.PublicInput);
        var rc = input.Segment("range_check")!.Value;
        Assert.Equal(100UL, rc.StopPtr - rc.BeginAddr);
        var proof = new CairoProver(SecurityProfile.Test).Prove(execution);
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);

        // A statement that claims more range checks than the trace has instances is refused by prover and verifier.
        var air = execution.PublicInput;
        var segments = Replace(air.MemorySegments, "range_check", s => s with { StopPtr = s.BeginAddr + 129 });
        var tooMany = air with { MemorySegments = segments };
        var e = Assert.Throws<CairoProverException>(() => SmallTraceBuilder.Build(WithPublicInput(execution, tooMany)));
        Assert.Contains("instances", e.Message);
        Assert.Contains("instances", new CairoPublicInput(tooMany).Validate());
        Assert.False(CairoVerifier.Verify(new CairoProof(proof.Profile, new CairoPublicInput(tooMany), proof.StarkProof), 0, out _));
    }

    [Fact]
    public void PedersenUsingProgramIsRejected()
    {
        var execution = CairoPrograms.Execute(CairoPrograms.Example("pedersen"), "small");
        var e = Assert.Throws<CairoProverException>(() => new CairoProver(SecurityProfile.Test).Prove(execution));
        Assert.Contains("pedersen", e.Message);

        // A verifier given a statement with a used pedersen (or ecdsa) segment refuses it.
        var proof = BothProof.Value;
        foreach (var name in new[] { "pedersen", "ecdsa" })
        {
            var air = proof.PublicInput.Air;
            var changed = air with { MemorySegments = Replace(air.MemorySegments, name, s => s with { StopPtr = s.BeginAddr + 3 }) };
            var forged = new CairoProof(proof.Profile, new CairoPublicInput(changed), proof.StarkProof);
            Assert.False(CairoVerifier.Verify(forged, 0, out var error));
            Assert.Contains(name, error);
        }
    }

    [Fact]
    public void ValueOfTwoTo128IsRefusedByTheVmAndTheProver()
    {
        // The VM refuses to write it.
        Assert.ThrowsAny<Exception>(() => CairoPrograms.Run(CairoPrograms.RangeCheckOf("0x100000000000000000000000000000000"), "small"));
        // A memory.bin that holds it anyway (C written, then changed to C + 2^128 everywhere): the prover refuses.
        var runner = CairoPrograms.Run(CairoPrograms.RangeCheckOf(CairoPrograms.PartsAtHalf), "small");
        var table = runner.GetRelocationTable();
        var trace = TraceFile.ToBytes(runner.Vm.Trace, table);
        var memory = MemoryFile.ToBytes(runner.Memory, table);
        var air = runner.GetAirPublicInput();
        var honest = Felt.Parse(CairoPrograms.PartsAtHalf);
        var big = honest + Felt.FromBigInteger(BigInteger.One << 128);
        int replaced = 0;
        for (int i = 0; i < memory.Length / MemoryFile.RecordSize; i++)
        {
            var record = memory.AsSpan(i * MemoryFile.RecordSize, MemoryFile.RecordSize);
            if (Felt.TryFromBytesLE(record.Slice(8, 32), out var v) && v == honest)
            {
                big.WriteBytesLE(record.Slice(8, 32));
                replaced++;
            }
        }
        Assert.Equal(3, replaced);                                  // the immediate, the stack cell, the range-check cell
        var forged = air with { PublicMemory = air.PublicMemory.Select(p => p.Value == honest ? p with { Value = big } : p).ToList() };
        Assert.NotNull(SmallTraceBuilder.Build(CairoExecution.FromBytes(trace, MemoryFile.ToBytes(runner.Memory, table), air)));
        var e = Assert.Throws<CairoProverException>(() => SmallTraceBuilder.Build(CairoExecution.FromBytes(trace, memory, forged)));
        Assert.Contains("2^128", e.Message);
    }

    [Fact]
    public void DishonestValueOfTwoTo128IsRejectedByTheVerifier()
    {
        // An unused instance made to hold 2^128 + v: its top part becomes 2^16 + p_0, so the value composes, the memory
        // copies agree, but the rc16 pool leaves [rc_min, rc_max].
        var honest = Both.Value;
        var trace = Clone(honest);
        var c = trace.Columns;
        int i = (int)honest.PublicInput.RangeCheckInstances - 1;
        int partRow = 128 * i + 12;
        c[0][partRow] += Felt.FromUInt64(1 << 16);
        Felt address = c[3][128 * i + 6], old = c[3][128 * i + 7];
        Felt value = old + Felt.FromBigInteger(BigInteger.One << 128);
        c[3][128 * i + 7] = value;
        for (int p = 0; p < c[4].Length; p += 2)
            if (c[4][p] == address && c[4][p + 1] == old) c[4][p + 1] = value;
        var sorted = c[0].OrderBy(f => f.ToBigInteger()).ToArray();
        Array.Copy(sorted, c[2], sorted.Length);
        var violated = ConstraintChecker.Violated(trace);
        Assert.DoesNotContain(47, violated);
        Assert.DoesNotContain(35, violated);
        Assert.Contains(46, violated);
        Assert.False(Verifies(trace));
    }

    public static TheoryData<string> Mutations() => ["part", "value", "address", "first_address"];

    /// <summary>A wrong part, value or address of a range-check instance breaks the builtin's constraint.</summary>
    [Theory]
    [MemberData(nameof(Mutations))]
    public void WrongRangeCheckCellIsRejected(string mutation)
    {
        var trace = Clone(Both.Value);
        var c = trace.Columns;
        int required;
        switch (mutation)
        {
            case "part":
                // Part 7 of instance 0 (2^15 − 3) replaced by another in-range value, c2 kept a permutation.
                c[0][124] += Felt.One;
                var sorted = c[0].OrderBy(f => f.ToBigInteger()).ToArray();
                Array.Copy(sorted, c[2], sorted.Length);
                required = 47;
                break;
            case "value":
                c[3][128 + 7] += Felt.One;
                required = 47;
                break;
            case "address":
                c[3][128 * 2 + 6] += Felt.One;
                required = 48;
                break;
            default:
                c[3][6] += Felt.One;
                required = 49;
                break;
        }
        Assert.Contains(required, ConstraintChecker.Violated(trace));
        Assert.False(Verifies(trace));
    }

    public static TheoryData<string> PublicInputChanges() =>
    [
        "output_value", "output_dropped", "rc_begin", "rc_stop", "rc_stop_before_begin", "output_stop", "layout_plain",
        "segment_order",
    ];

    [Theory]
    [MemberData(nameof(PublicInputChanges))]
    public void WrongPublicInputIsRejected(string change)
    {
        var proof = BothProof.Value;
        Assert.True(CairoVerifier.Verify(proof, 0, out var error), error);
        var air = proof.PublicInput.Air;
        var output = air.MemorySegments.Single(s => s.Name == "output");
        var memory = air.PublicMemory.ToList();
        int outIndex = memory.FindIndex(e => e.Address == output.BeginAddr);
        AirPublicInput changed = change switch
        {
            "output_value" => air with { PublicMemory = memory.Select((e, k) => k == outIndex ? e with { Value = e.Value + Felt.One } : e).ToList() },
            "output_dropped" => air with { PublicMemory = memory.Where((e, k) => k != outIndex).ToList() },
            "rc_begin" => air with { MemorySegments = Replace(air.MemorySegments, "range_check", s => s with { BeginAddr = s.BeginAddr + 1, StopPtr = s.StopPtr + 1 }) },
            "rc_stop" => air with { MemorySegments = Replace(air.MemorySegments, "range_check", s => s with { StopPtr = s.StopPtr + 1 }) },
            "rc_stop_before_begin" => air with { MemorySegments = Replace(air.MemorySegments, "range_check", s => s with { StopPtr = s.BeginAddr - 1 }) },
            "output_stop" => air with { MemorySegments = Replace(air.MemorySegments, "output", s => s with { StopPtr = s.StopPtr + 1 }) },
            "layout_plain" => air with { Layout = "plain" },
            "segment_order" => air with { MemorySegments = [.. air.MemorySegments.Take(2), air.MemorySegments[4], air.MemorySegments[3], air.MemorySegments[2], air.MemorySegments[5]] },
            _ => throw new ArgumentException(change),
        };
        var forged = new CairoProof(proof.Profile, new CairoPublicInput(changed), proof.StarkProof);
        Assert.False(CairoVerifier.Verify(forged, 0, out _));
        Assert.False(CairoVerifier.Verify(CairoProof.FromBytes(forged.ToBytes()), 0, out _));
    }

    public static TheoryData<string, string> PointerChanges() => new()
    {
        { "rc_moved", "builtin pointer 1" },
        { "rc_stop_short", "final range_check pointer" },
        { "output_moved", "builtin pointer 0" },
        { "initial_pointer", "builtin pointer 1" },
        { "unlisted_rc_used", "was not given its pointer" },
    };

    /// <summary>
    /// The program's builtin pointers (initial and final stack, public) must be the segments' begin and stop: a
    /// statement that moves the range-check instances away from the program's cells is refused before the STARK.
    /// </summary>
    [Theory]
    [MemberData(nameof(PointerChanges))]
    public void TamperedBuiltinPointersAreRejected(string change, string message)
    {
        var proof = BothProof.Value;
        var air = proof.PublicInput.Air;
        AirPublicInput changed;
        switch (change)
        {
            case "rc_moved":
                changed = air with { MemorySegments = Replace(air.MemorySegments, "range_check", s => s with { BeginAddr = s.BeginAddr + 5, StopPtr = s.StopPtr + 5 }) };
                break;
            case "rc_stop_short":
                changed = air with { MemorySegments = Replace(air.MemorySegments, "range_check", s => s with { StopPtr = s.StopPtr - 1 }) };
                break;
            case "output_moved":
                changed = air with { MemorySegments = Replace(air.MemorySegments, "output", s => s with { BeginAddr = s.BeginAddr + 1 }) };
                break;
            case "initial_pointer":
            {
                // The program's range_check_ptr argument (public, at initial_ap + 1) pointing elsewhere.
                ulong at = new CairoPublicInput(air).InitialAp + 1;
                changed = air with { PublicMemory = air.PublicMemory.Select(e => e.Address == at ? e with { Value = e.Value + Felt.One } : e).ToList() };
                break;
            }
            default:
            {
                // examples/output.casm passes only the output pointer: its range_check segment must stay empty.
                var output = new CairoProver(SecurityProfile.Test).Prove(CairoPrograms.Execute(CairoPrograms.Example("output"), "small"));
                Assert.True(CairoVerifier.Verify(output, 0, out var honestError), honestError);
                proof = output;
                air = output.PublicInput.Air;
                changed = air with { MemorySegments = Replace(air.MemorySegments, "range_check", s => s with { StopPtr = s.BeginAddr + 1 }) };
                break;
            }
        }
        var statement = new CairoPublicInput(changed);
        Assert.Contains(message, statement.Validate());
        Assert.False(CairoVerifier.Verify(new CairoProof(proof.Profile, statement, proof.StarkProof), 0, out var error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void FilesGiveTheSameProofAsTheRunInProcess()
    {
        var runner = CairoPrograms.Run(CairoPrograms.Example("signed_window"), "small");
        var dir = Directory.CreateTempSubdirectory("cairn-prove-small-");
        try
        {
            string trace = Path.Combine(dir.FullName, "trace.bin"), memory = Path.Combine(dir.FullName, "memory.bin");
            string pub = Path.Combine(dir.FullName, "air_public_input.json");
            using (var s = File.Create(trace)) runner.WriteTrace(s);
            using (var s = File.Create(memory)) runner.WriteMemory(s);
            using (var s = File.Create(pub)) runner.WriteAirPublicInput(s);
            var fromFiles = new CairoProver(SecurityProfile.Test).Prove(CairoExecution.FromFiles(trace, memory, pub));
            Assert.Equal(BothProof.Value.ToBytes(), fromFiles.ToBytes());
            Assert.True(CairoVerifier.Verify(fromFiles, 0, out var error), error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PlainRunsAreNotProvenAsSmallAndViceVersa()
    {
        Assert.Throws<CairoProverException>(() => SmallTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Example("fibonacci"))));
        Assert.Throws<CairoProverException>(() => PlainTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Example("fibonacci"), "small")));
        var unsupported = CairoExecution.FromRunner(CairoPrograms.Run(CairoPrograms.Example("fibonacci"), "recursive"));
        Assert.Throws<CairoProverException>(() => new CairoProver(SecurityProfile.Test).Prove(unsupported));
    }

    private static CairoExecution WithPublicInput(CairoExecution execution, AirPublicInput air)
    {
        var trace = new byte[execution.Steps * TraceFile.RecordSize];
        for (int k = 0; k < execution.Steps; k++)
        {
            BitConverter.TryWriteBytes(trace.AsSpan(k * 24, 8), execution.Ap[k]);
            BitConverter.TryWriteBytes(trace.AsSpan(k * 24 + 8, 8), execution.Fp[k]);
            BitConverter.TryWriteBytes(trace.AsSpan(k * 24 + 16, 8), execution.Pc[k]);
        }
        var cells = new List<byte>();
        for (int a = 0; a < execution.Memory.Length; a++)
        {
            if (!execution.Present[a]) continue;
            var record = new byte[MemoryFile.RecordSize];
            BitConverter.TryWriteBytes(record.AsSpan(0, 8), (ulong)a);
            execution.Memory[a].WriteBytesLE(record.AsSpan(8, 32));
            cells.AddRange(record);
        }
        return CairoExecution.FromBytes(trace, cells.ToArray(), air);
    }

    private static MemorySegmentAddresses[] Replace(IReadOnlyList<MemorySegmentAddresses> segments, string name, Func<MemorySegmentAddresses, MemorySegmentAddresses> change) =>
        segments.Select(s => s.Name == name ? change(s) : s).ToArray();

    private static PlainTrace Clone(PlainTrace trace)
    {
        var columns = new Felt[trace.Columns.Length][];
        for (int c = 0; c < columns.Length; c++) columns[c] = (Felt[])trace.Columns[c].Clone();
        return new PlainTrace(columns, trace.PublicInput);
    }

    private static bool Verifies(PlainTrace trace)
    {
        var proof = new CairoProver(SecurityProfile.Test).ProveUnchecked(trace);
        return CairoVerifier.Verify(CairoProof.FromBytes(proof.ToBytes()), 0, out _);
    }
}
