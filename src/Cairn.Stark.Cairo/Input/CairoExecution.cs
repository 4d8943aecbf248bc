using System.Buffers.Binary;
using Cairn.Cairo.Output;
using Cairn.Cairo.Runners;
using Cairn.Primitives;

namespace Cairn.Stark.Cairo.Input;

/// <summary>
/// What the prover needs from a proof-mode run (spec stark-prover.md §6.8): the registers of every step, the
/// relocated memory (addresses are small and dense, so it is an array indexed by address) and the AIR public input.
/// Built from the runner's files (<c>trace.bin</c>, <c>memory.bin</c>, <c>air_public_input.json</c>) or in process
/// from a finished <see cref="CairoRunner"/> through the same encodings.
/// </summary>
public sealed class CairoExecution
{
    private CairoExecution(ulong[] pc, ulong[] ap, ulong[] fp, Felt[] memory, bool[] present, AirPublicInput publicInput)
    {
        Pc = pc;
        Ap = ap;
        Fp = fp;
        Memory = memory;
        Present = present;
        PublicInput = publicInput;
    }

    /// <summary>pc of every step, relocated.</summary>
    public ulong[] Pc { get; }

    public ulong[] Ap { get; }

    public ulong[] Fp { get; }

    /// <summary>Memory value by address (0 where <see cref="Present"/> is false).</summary>
    public Felt[] Memory { get; }

    /// <summary>Whether the address holds a value in memory.bin.</summary>
    public bool[] Present { get; }

    public AirPublicInput PublicInput { get; }

    public int Steps => Pc.Length;

    /// <summary>The value at <paramref name="address"/>; throws when the run did not write it.</summary>
    public Felt Read(ulong address)
    {
        if (address >= (ulong)Memory.Length || !Present[address])
            throw new CairoProverException($"the trace reads address {address}, which memory.bin does not hold");
        return Memory[address];
    }

    /// <summary>From the runner's output files (spec §6.8; cairo-vm.md §6.4–6.6).</summary>
    public static CairoExecution FromFiles(string tracePath, string memoryPath, string publicInputPath)
    {
        byte[] trace, memory;
        string json;
        try
        {
            trace = File.ReadAllBytes(tracePath);
            memory = File.ReadAllBytes(memoryPath);
            json = File.ReadAllText(publicInputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CairoProverException($"cannot read the prover input: {e.Message}");
        }
        return FromBytes(trace, memory, PublicInputJson.Parse(json));
    }

    /// <summary>From a finished proof-mode run, in process.</summary>
    public static CairoExecution FromRunner(CairoRunner runner)
    {
        if (!runner.Options.ProofMode) throw new CairoProverException("proving needs a proof-mode run");
        var table = runner.GetRelocationTable();
        return FromBytes(TraceFile.ToBytes(runner.Vm.Trace, table), MemoryFile.ToBytes(runner.Memory, table), runner.GetAirPublicInput());
    }

    public static CairoExecution FromBytes(ReadOnlySpan<byte> trace, ReadOnlySpan<byte> memory, AirPublicInput publicInput)
    {
        if (trace.Length == 0 || trace.Length % TraceFile.RecordSize != 0)
            throw new CairoProverException($"trace.bin must be a non-empty sequence of {TraceFile.RecordSize}-byte records");
        if (memory.Length % MemoryFile.RecordSize != 0)
            throw new CairoProverException($"memory.bin must be a sequence of {MemoryFile.RecordSize}-byte records");
        int steps = trace.Length / TraceFile.RecordSize;
        var pc = new ulong[steps];
        var ap = new ulong[steps];
        var fp = new ulong[steps];
        for (int i = 0; i < steps; i++)
        {
            var r = trace.Slice(i * TraceFile.RecordSize, TraceFile.RecordSize);
            ap[i] = BinaryPrimitives.ReadUInt64LittleEndian(r);
            fp[i] = BinaryPrimitives.ReadUInt64LittleEndian(r[8..]);
            pc[i] = BinaryPrimitives.ReadUInt64LittleEndian(r[16..]);
        }
        int cells = memory.Length / MemoryFile.RecordSize;
        ulong maxAddress = 0;
        for (int i = 0; i < cells; i++)
            maxAddress = Math.Max(maxAddress, BinaryPrimitives.ReadUInt64LittleEndian(memory.Slice(i * MemoryFile.RecordSize, 8)));
        foreach (var e in publicInput.PublicMemory) maxAddress = Math.Max(maxAddress, e.Address);
        if (maxAddress >= int.MaxValue / 2) throw new CairoProverException($"memory address {maxAddress} is too large");
        var values = new Felt[maxAddress + 1];
        var present = new bool[maxAddress + 1];
        for (int i = 0; i < cells; i++)
        {
            var r = memory.Slice(i * MemoryFile.RecordSize, MemoryFile.RecordSize);
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(r);
            if (!Felt.TryFromBytesLE(r.Slice(8, 32), out var value))
                throw new CairoProverException($"memory.bin: the value at address {address} is not a field element");
            if (present[address] && values[address] != value) throw new CairoProverException($"memory.bin: address {address} has two values");
            values[address] = value;
            present[address] = true;
        }
        return new CairoExecution(pc, ap, fp, values, present, publicInput);
    }
}
