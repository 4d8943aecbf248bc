using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Cairo.Tests;

public class AirShapeTests
{
    [Fact]
    public void PlainLayoutHasStonesShape()
    {
        var trace = PlainTraceBuilder.Build(CairoPrograms.Execute(CairoPrograms.Example("fibonacci")));
        var air = new PlainCairoAir(trace.PublicInput);
        Assert.Equal(6, air.MainColumns);
        Assert.Equal(2, air.InteractionColumns);
        Assert.Equal(3, air.InteractionChallenges);
        Assert.Equal(49, air.Mask.Count);
        Assert.Equal(47, air.ConstraintDomains.Count);
        Assert.Equal(47, PlainCairoAir.ConstraintNames.Count);
        Assert.Equal(16 * trace.PublicInput.NSteps, air.TraceLength);
        // Mask order of spec §6.2 (also the OODS / DEEP order).
        Assert.Equal(new MaskEntry(8, 0), air.Mask[3]);
        Assert.Equal(new MaskEntry(15, 1), air.Mask[19]);
        Assert.Equal(new MaskEntry(16, 3), air.Mask[32]);
        Assert.Equal(new MaskEntry(24, 5), air.Mask[44]);
        Assert.Equal(new MaskEntry(2, 7), air.Mask[48]);
        // Seed: starts with the verifier-friendly layer count (0) and log2 n_steps.
        var seed = air.PublicInputSeed();
        Assert.Equal(0, seed.Length % 32);
        Assert.All(seed[..32], b => Assert.Equal(0, b));
        Assert.Equal(System.Numerics.BitOperations.Log2((ulong)trace.PublicInput.NSteps), seed[63]);
    }

    [Fact]
    public void PeriodicExemptionRemovesEverySixteenthRow()
    {
        const int t = 64;
        var domain = new ConstraintDomain(1, 0, 16, 15);
        var g = RootsOfUnity.Primitive(6);
        for (int r = 0; r < t; r++)
        {
            Assert.Equal(r % 16 != 15, domain.Contains(r));
            Felt x = g.Pow((ulong)r);
            Assert.Equal(r % 16 == 15, domain.Numerator(x, g, t).IsZero);
            Assert.True(domain.Denominator(x, t, g).IsZero);
        }
        Assert.NotEqual(domain, new ConstraintDomain(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstraintDomain(2, 0, 16, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstraintDomain(16, 0, 8, 0));
    }

    [Fact]
    public void InvalidInputsAreRefusedByTheProver()
    {
        var runner = CairoPrograms.Run(CairoPrograms.Example("factorial"));
        var air = runner.GetAirPublicInput();
        var table = runner.GetRelocationTable();
        var trace = Cairn.Cairo.Output.TraceFile.ToBytes(runner.Vm.Trace, table);
        var memory = Cairn.Cairo.Output.MemoryFile.ToBytes(runner.Memory, table);
        // A register changed in trace.bin: the re-execution check catches it.
        var badTrace = (byte[])trace.Clone();
        badTrace[24 * 5] ^= 1;
        Assert.Throws<CairoProverException>(() => PlainTraceBuilder.Build(Input.CairoExecution.FromBytes(badTrace, memory, air)));
        // Wrong step count, wrong rc bounds, truncated files.
        Assert.Throws<CairoProverException>(() => PlainTraceBuilder.Build(Input.CairoExecution.FromBytes(trace, memory, air with { NSteps = air.NSteps * 2 })));
        Assert.Throws<CairoProverException>(() => PlainTraceBuilder.Build(Input.CairoExecution.FromBytes(trace, memory, air with { RcMin = air.RcMin + 1 })));
        Assert.Throws<CairoProverException>(() => Input.CairoExecution.FromBytes(trace[..^1], memory, air));
        Assert.Throws<CairoProverException>(() => Input.CairoExecution.FromBytes(trace, memory[..^1], air));
        // A public memory value that disagrees with memory.bin.
        var pm = air.PublicMemory.ToList();
        pm[0] = pm[0] with { Value = pm[0].Value + Felt.One };
        Assert.Throws<CairoProverException>(() => PlainTraceBuilder.Build(Input.CairoExecution.FromBytes(trace, memory, air with { PublicMemory = pm })));
        // Unknown keys in the public input are refused (the statement must not be malleable).
        Assert.Throws<CairoProverException>(() => Input.PublicInputJson.Parse(air.ToJson().Replace("\"dynamic_params\"", "\"dynamic_paramz\"")));
    }
}
