using Cairn.Cairo.Instructions;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

/// <summary>
/// Random programs never crash the VM: every run either ends or fails with a <see cref="VmException"/>
/// (the only exception type a caller has to handle), within the step limit.
/// </summary>
public sealed class VmFuzzTests
{
    private static Felt RandomWord(Random rng)
    {
        switch (rng.Next(4))
        {
            case 0:
            {
                // A valid instruction with random fields (the encoder checks the flag combinations).
                var ins = new Instruction(
                    (short)rng.Next(-8, 8), (short)rng.Next(-8, 8), (short)rng.Next(-8, 8),
                    (Register)rng.Next(2), (Register)rng.Next(2), (Op1Source)rng.Next(4), (ResLogic)rng.Next(3),
                    (PcUpdate)rng.Next(4), (ApUpdate)rng.Next(4), (FpUpdate)rng.Next(3), (Opcode)rng.Next(4));
                try
                {
                    return InstructionEncoder.Encode(ins);
                }
                catch (ArgumentException)
                {
                    return Felt.FromUInt64((ulong)rng.NextInt64());
                }
            }
            case 1:
                return Felt.FromUInt64((ulong)rng.Next(-20, 20));
            case 2:
                return -Felt.FromUInt64((ulong)rng.Next(1, 20));
            default:
                return Felt.FromUInt64((ulong)rng.NextInt64());
        }
    }

    [Fact]
    public void Random_programs_end_or_fail_with_a_vm_exception()
    {
        var rng = new Random(20261124);
        string[][] builtinSets = [[], ["output"], ["output", "pedersen", "range_check"], ["bitwise", "poseidon"]];
        int ended = 0, failed = 0;
        for (int i = 0; i < 3000; i++)
        {
            var data = new Felt[rng.Next(1, 24)];
            for (int j = 0; j < data.Length; j++) data[j] = RandomWord(rng);
            var builtins = builtinSets[rng.Next(builtinSets.Length)];
            var program = new CairoProgram(data, builtins, mainScope: "__main__",
                identifiers: new Dictionary<string, ProgramIdentifier> { ["__main__.main"] = new("__main__.main", "function", 0, null, null) });
            try
            {
                new CairoRunner(program, new CairoRunOptions { MaxSteps = 500, RecordTrace = rng.Next(2) == 0 }).RunMain();
                ended++;
            }
            catch (VmException)
            {
                failed++;
            }
        }
        Assert.Equal(3000, ended + failed);
        Assert.True(failed > 0);
    }
}
