using System.Numerics;
using Cairn.Cairo.Output;
using Cairn.Primitives;
using Cairn.Stark.Cairo.Builtins;
using Cairn.Stark.Cairo.Input;

namespace Cairn.Stark.Cairo.Plain;

/// <summary>
/// Builds the plain layout's main trace (spec stark-prover.md §6.2, §6.4, §6.5, §6.8): 16 rows per step, flag
/// prefixes, offsets in the rc16 pool, the 8 memory pairs per step (public-memory slots as (0, 0), holes in the spare
/// pairs), registers and auxiliary cells, and the sorted copies c2 and c4. Each step is re-executed from the memory and
/// checked against the next registers, so a bad input fails here, loudly, rather than as a rejected proof.
/// </summary>
/// <remarks>
/// The number of steps is the run's (a power of two), doubled, by repeating the final <c>jmp rel 0</c>, while the
/// public memory, the memory holes or the range-check holes do not fit their slots (2, 2 and 13 per step). Layouts with
/// a range-check builtin (small) keep the run's steps (the runner sized the builtin segments for them) and fail instead.
/// </remarks>
public static class PlainTraceBuilder
{
    private const int RowsPerStep = 16;
    private const ulong Bias = 1 << 15;

    public static PlainTrace Build(CairoExecution execution, int minimumSteps = 2)
    {
        var input = new CairoPublicInput(execution.PublicInput);
        if (input.Layout != "plain") throw new CairoProverException($"the run used layout '{input.Layout}'; this prover proves plain");
        return Build(execution, CairoLayout.Plain, minimumSteps);
    }

    /// <summary>
    /// The trace of <paramref name="layout"/> on the plain geometry. With a range-check builtin
    /// (<see cref="RangeCheckBuiltinCells"/>) the run's step count is kept (its builtin segments are sized for it) and
    /// the builtin takes one spare memory pair per instance and its 8 parts from the spare rc16 cells; unused instances
    /// compose whatever the hole filling puts into their parts.
    /// </summary>
    internal static PlainTrace Build(CairoExecution execution, CairoLayout layout, int minimumSteps)
    {
        var input = new CairoPublicInput(execution.PublicInput);
        if (input.Layout != layout.Name) throw new CairoProverException($"the run used layout '{input.Layout}', not {layout.Name}");
        bool builtins = layout.RangeCheckRatio > 0;
        if (builtins)
        {
            if (layout.RangeCheckRatio != RangeCheckBuiltinCells.Ratio)
                throw new CairoProverException($"layout {layout.Name}: only a range-check ratio of {RangeCheckBuiltinCells.Ratio} fits the plain geometry");
            if (input.Validate() is { } invalid) throw new CairoProverException($"layout {layout.Name}: {invalid}");
        }
        int steps = execution.Steps;
        if (input.NSteps != steps) throw new CairoProverException($"the public input says {input.NSteps} steps, trace.bin has {steps}");
        if (execution.Pc[0] != input.InitialPc || execution.Ap[0] != input.InitialAp || execution.Fp[0] != input.InitialAp)
            throw new CairoProverException("the first step's registers do not match the public input (pc = program begin, ap = fp = execution begin)");
        if (execution.Pc[^1] != input.FinalPc || execution.Ap[^1] != input.FinalAp || execution.Fp[^1] != input.InitialAp)
            throw new CairoProverException("the last step's registers do not match the public input (pc, ap = stop pointers, fp = execution begin)");
        foreach (var e in input.PublicMemory)
        {
            if (e.Address < (ulong)execution.Memory.Length && execution.Present[e.Address] && execution.Memory[e.Address] != e.Value)
                throw new CairoProverException($"public memory address {e.Address} disagrees with memory.bin");
        }

        // Decode every step once (parallel); addresses are needed before the step count is known.
        var decoded = new DecodedStep[steps];
        int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, steps / 1024));
        try
        {
            Parallel.For(0, chunks, chunk =>
            {
                int from = (int)((long)steps * chunk / chunks), to = (int)((long)steps * (chunk + 1) / chunks);
                for (int k = from; k < to; k++)
                {
                    decoded[k] = Decode(execution, k);
                    if (k + 1 < steps) CheckNext(decoded[k], execution.Pc[k + 1], execution.Ap[k + 1], execution.Fp[k + 1], k);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0 && e.InnerExceptions[0] is CairoProverException first)
        {
            throw new CairoProverException(first.Message);
        }

        // Range-check builtin instances: the written cells (split into parts), the others left to the hole filling.
        var rc = builtins ? RangeCheckInstances(execution, input) : null;

        // Offsets and addresses used, holes, capacities.
        var rcUsed = new bool[1 << 16];
        ulong maxAddress = 0;
        foreach (var e in input.PublicMemory) maxAddress = Math.Max(maxAddress, e.Address);
        for (int k = 0; k < steps; k++)
        {
            ref var d = ref decoded[k];
            rcUsed[d.OffDst] = rcUsed[d.OffOp0] = rcUsed[d.OffOp1] = true;
            maxAddress = Math.Max(maxAddress, Math.Max(Math.Max(d.Pc, d.Op0Addr), Math.Max(d.DstAddr, d.Op1Addr)));
        }
        for (int v = 0; v < 1 << 16; v++)
            if (rcUsed[v] && (v < input.RcMin || v > input.RcMax))
                throw new CairoProverException($"offset {v} (biased) lies outside [rc_min, rc_max] = [{input.RcMin}, {input.RcMax}]");
        int usedInstances = 0;
        if (rc is not null)
        {
            maxAddress = Math.Max(maxAddress, rc.Begin + (ulong)rc.Parts.Length - 1);
            foreach (var parts in rc.Parts)
            {
                if (parts is null) continue;
                usedInstances++;
                foreach (var v in parts)
                {
                    if (v < input.RcMin || v > input.RcMax)
                        throw new CairoProverException($"a range-check builtin part {v} lies outside [rc_min, rc_max] = [{input.RcMin}, {input.RcMax}]");
                    rcUsed[v] = true;
                }
            }
        }
        var rcHoles = new List<int>();
        for (int v = input.RcMin; v <= input.RcMax; v++)
            if (!rcUsed[v]) rcHoles.Add(v);
        if (maxAddress >= int.MaxValue / 2) throw new CairoProverException($"address {maxAddress} is too large");
        var used = new bool[maxAddress + 2];
        foreach (var e in input.PublicMemory) used[e.Address] = true;
        for (int k = 0; k < steps; k++)
        {
            ref var d = ref decoded[k];
            used[d.Pc] = used[d.Op0Addr] = used[d.DstAddr] = used[d.Op1Addr] = true;
        }
        if (rc is not null)
            for (int i = 0; i < rc.Parts.Length; i++) used[rc.Begin + (ulong)i] = true;
        if (used[0]) throw new CairoProverException("address 0 is accessed; relocated memory starts at 1");
        var memoryHoles = new List<ulong>();
        for (ulong a = 1; a <= maxAddress; a++)
            if (!used[a]) memoryHoles.Add(a);

        long n = Math.Max(steps, minimumSteps);
        if (!BitOperations.IsPow2(n)) n = (long)BitOperations.RoundUpToPowerOf2((ulong)n);
        // Spare memory pairs: 2 per step, less one per range-check instance; spare rc16 cells: 13 per step, less the
        // parts of the written range-check cells.
        bool Fits(long steps) =>
            2 * steps >= input.PublicMemory.Count
            && 2 * steps - (rc?.Parts.Length ?? 0) >= memoryHoles.Count
            && 13 * steps - RangeCheckBuiltinCells.Parts * usedInstances >= rcHoles.Count;
        if (builtins)
        {
            // The builtin segments were sized for the run's steps: a longer trace would move the instances.
            if (n != steps || !Fits(n))
                throw new CairoProverException(
                    $"the run's {steps} steps do not give layout {layout.Name} enough cells (public memory {input.PublicMemory.Count}, memory holes " +
                    $"{memoryHoles.Count}, rc16 holes {rcHoles.Count}); run the program with more steps");
        }
        while (!Fits(n)) n *= 2;
        if (n * RowsPerStep > 1 << 30) throw new CairoProverException("the trace would exceed 2^30 rows");
        if (n > steps)
        {
            // The extension repeats the last step, which must be the proof-mode jmp rel 0 loop.
            var last = decoded[steps - 1];
            CheckNext(last, execution.Pc[^1], execution.Ap[^1], execution.Fp[^1], steps - 1);
            Array.Resize(ref decoded, (int)n);
            for (long k = steps; k < n; k++) decoded[k] = last;
            input = input.WithSteps(n);
        }
        int t = (int)(n * RowsPerStep);

        var c0 = new Felt[t];
        var c1 = new Felt[t];
        var c2 = new Felt[t];
        var c3 = new Felt[t];
        var c4 = new Felt[t];
        var c5 = new Felt[t];
        var rcPool = new ushort[t];
        var rcFixed = new bool[t];
        int stepCount = (int)n;
        chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, stepCount / 1024));
        Parallel.For(0, chunks, chunk =>
        {
            int from = (int)((long)stepCount * chunk / chunks), to = (int)((long)stepCount * (chunk + 1) / chunks);
            for (int k = from; k < to; k++)
            {
                ref var d = ref decoded[k];
                int r = k * RowsPerStep;
                for (int i = 0; i < 16; i++) c1[r + i] = Felt.FromUInt64(d.Flags >> i);
                rcPool[r] = d.OffDst;
                rcPool[r + 4] = d.OffOp1;
                rcPool[r + 8] = d.OffOp0;
                rcFixed[r] = rcFixed[r + 4] = rcFixed[r + 8] = true;
                c3[r] = Felt.FromUInt64(d.Pc);
                c3[r + 1] = d.Inst;
                c3[r + 4] = Felt.FromUInt64(d.Op0Addr);
                c3[r + 5] = d.Op0;
                c3[r + 8] = Felt.FromUInt64(d.DstAddr);
                c3[r + 9] = d.Dst;
                c3[r + 12] = Felt.FromUInt64(d.Op1Addr);
                c3[r + 13] = d.Op1;
                c5[r] = Felt.FromUInt64(d.Ap);
                c5[r + 2] = d.T0;
                c5[r + 4] = d.Op0 * d.Op1;
                c5[r + 8] = Felt.FromUInt64(d.Fp);
                c5[r + 10] = d.T0 * d.Res;
                c5[r + 12] = d.Res;
            }
        });
        if (rc is not null)
        {
            for (int i = 0; i < rc.Parts.Length; i++)
            {
                if (rc.Parts[i] is not { } parts) continue;
                for (int j = 0; j < RangeCheckBuiltinCells.Parts; j++)
                {
                    int row = i * RangeCheckBuiltinCells.RowsPerInstance + RangeCheckBuiltinCells.PartRow(j);
                    rcPool[row] = parts[j];
                    rcFixed[row] = true;
                }
            }
        }

        // rc16 spare cells (unused range-check parts included): the holes of [rc_min, rc_max] in increasing order,
        // then rc_max (§6.5).
        int hole = 0;
        for (int row = 0; row < t; row++)
        {
            if (rcFixed[row]) continue;
            rcPool[row] = hole < rcHoles.Count ? (ushort)rcHoles[hole++] : (ushort)input.RcMax;
        }
        var counts = new int[1 << 16];
        foreach (var v in rcPool) counts[v]++;
        var rcValues = new Felt[1 << 16];
        for (int v = input.RcMin; v <= input.RcMax; v++) rcValues[v] = Felt.FromUInt64((ulong)v);
        for (int row = 0; row < t; row++) c0[row] = rcValues[rcPool[row]];
        for (int v = 0, row = 0; v < counts.Length; v++)
            for (int c = counts[v]; c > 0; c--) c2[row++] = rcValues[v];

        // Spare memory pairs (rows 6/7 and 14/15): the range-check instance pairs, then holes with value 0, then
        // (max + 1, 0) (§6.4).
        var spareAddress = new ulong[2 * stepCount];
        var spareValue = new Felt[2 * stepCount];
        hole = 0;
        Span<Felt> partValues = stackalloc Felt[RangeCheckBuiltinCells.Parts];
        for (int k = 0; k < stepCount; k++)
        {
            for (int s = 0; s < 2; s++)
            {
                int i = k / RangeCheckBuiltinCells.Ratio;
                if (rc is not null && s == 0 && k % RangeCheckBuiltinCells.Ratio == 0)
                {
                    for (int j = 0; j < RangeCheckBuiltinCells.Parts; j++)
                        partValues[j] = c0[i * RangeCheckBuiltinCells.RowsPerInstance + RangeCheckBuiltinCells.PartRow(j)];
                    spareAddress[2 * k] = rc.Begin + (ulong)i;
                    spareValue[2 * k] = RangeCheckBuiltinCells.Compose(partValues);
                }
                else
                {
                    spareAddress[2 * k + s] = hole < memoryHoles.Count ? memoryHoles[hole++] : maxAddress + 1;
                }
            }
        }
        for (int k = 0; k < stepCount; k++)
        {
            int r = k * RowsPerStep;
            c3[r + 6] = Felt.FromUInt64(spareAddress[2 * k]);
            c3[r + 7] = spareValue[2 * k];
            c3[r + 14] = Felt.FromUInt64(spareAddress[2 * k + 1]);
            c3[r + 15] = spareValue[2 * k + 1];
        }

        // c4: every pair of c3 with the public-memory slots replaced by the public memory (padded with its first
        // entry), sorted by address.
        int pairs = t / 2;
        var keys = new ulong[pairs];
        var values = new Felt[pairs];
        int slot = 0;
        var publicMemory = input.PublicMemory;
        for (int k = 0; k < stepCount; k++)
        {
            ref var d = ref decoded[k];
            int p = k * 8;
            keys[p] = d.Pc; values[p] = d.Inst;
            keys[p + 2] = d.Op0Addr; values[p + 2] = d.Op0;
            keys[p + 4] = d.DstAddr; values[p + 4] = d.Dst;
            keys[p + 6] = d.Op1Addr; values[p + 6] = d.Op1;
            keys[p + 3] = spareAddress[2 * k]; values[p + 3] = spareValue[2 * k];
            keys[p + 7] = spareAddress[2 * k + 1]; values[p + 7] = spareValue[2 * k + 1];
            for (int s = 1; s <= 5; s += 4)
            {
                var e = slot < publicMemory.Count ? publicMemory[slot] : publicMemory[0];
                slot++;
                keys[p + s] = e.Address;
                values[p + s] = e.Value;
            }
        }
        Array.Sort(keys, values);
        for (int i = 0; i < pairs; i++)
        {
            c4[2 * i] = Felt.FromUInt64(keys[i]);
            c4[2 * i + 1] = values[i];
        }
        return new PlainTrace([c0, c1, c2, c3, c4, c5], input);
    }

    /// <summary>The range-check segment's first address and, per instance, the parts of its written value (null: unused).</summary>
    private sealed record RangeCheckPlan(ulong Begin, ushort[]?[] Parts);

    private static RangeCheckPlan RangeCheckInstances(CairoExecution execution, CairoPublicInput input)
    {
        var segment = input.Segment("range_check") ?? throw new CairoProverException("the public input has no range_check segment");
        var parts = new ushort[]?[input.RangeCheckInstances];
        for (int i = 0; i < parts.Length; i++)
        {
            ulong address = segment.BeginAddr + (ulong)i;
            if (address >= (ulong)execution.Memory.Length || !execution.Present[address]) continue;
            if (address >= segment.StopPtr)
                throw new CairoProverException($"the range_check cell {address} is written but lies beyond the segment's stop_ptr {segment.StopPtr}");
            var split = new ushort[RangeCheckBuiltinCells.Parts];
            if (!RangeCheckBuiltinCells.TrySplit(execution.Memory[address], split))
                throw new CairoProverException($"the range_check cell {address} holds {execution.Memory[address]}, which is not below 2^128");
            parts[i] = split;
        }
        return new RangeCheckPlan(segment.BeginAddr, parts);
    }

    private struct DecodedStep
    {
        public ulong Pc, Ap, Fp;
        public Felt Inst;
        public ushort OffDst, OffOp0, OffOp1;
        public ulong Flags;
        public ulong DstAddr, Op0Addr, Op1Addr;
        public Felt Dst, Op0, Op1, Res, T0;
        public Felt NextPc, NextAp, NextFp;
    }

    private static ulong Add(ulong register, ushort biasedOffset, int step)
    {
        long address = (long)register + biasedOffset - (long)Bias;
        if (address < 0) throw new CairoProverException($"step {step}: an operand address is negative");
        return (ulong)address;
    }

    private static ulong ToAddress(Felt value, int step)
    {
        if (!value.TryToUInt64(out ulong address) || address >= int.MaxValue) throw new CairoProverException($"step {step}: op0 is not an address");
        return address;
    }

    /// <summary>Decodes the instruction of step k, reads its operands and computes res, t0 and the next registers (§6.1).</summary>
    private static DecodedStep Decode(CairoExecution execution, int k)
    {
        var d = new DecodedStep { Pc = execution.Pc[k], Ap = execution.Ap[k], Fp = execution.Fp[k] };
        d.Inst = execution.Read(d.Pc);
        if (!d.Inst.TryToUInt64(out ulong inst) || inst >= 1UL << 63) throw new CairoProverException($"step {k}: the word at pc {d.Pc} is not an instruction");
        d.OffDst = (ushort)inst;
        d.OffOp0 = (ushort)(inst >> 16);
        d.OffOp1 = (ushort)(inst >> 32);
        d.Flags = inst >> 48;
        ulong f = d.Flags;
        bool Bit(int i) => ((f >> i) & 1) != 0;
        int op1Sources = (Bit(2) ? 1 : 0) + (Bit(3) ? 1 : 0) + (Bit(4) ? 1 : 0);
        int resLogic = (Bit(5) ? 1 : 0) + (Bit(6) ? 1 : 0) + (Bit(9) ? 1 : 0);
        int pcUpdate = (Bit(7) ? 1 : 0) + (Bit(8) ? 1 : 0) + (Bit(9) ? 1 : 0);
        int apUpdate = (Bit(10) ? 1 : 0) + (Bit(11) ? 1 : 0);
        int opcode = (Bit(12) ? 1 : 0) + (Bit(13) ? 1 : 0) + (Bit(14) ? 1 : 0);
        if (op1Sources > 1 || resLogic > 1 || pcUpdate > 1 || apUpdate > 1 || opcode > 1 || (Bit(12) && apUpdate > 0))
            throw new CairoProverException($"step {k}: invalid instruction flags 0x{f:x} at pc {d.Pc}");
        d.DstAddr = Add(Bit(0) ? d.Fp : d.Ap, d.OffDst, k);
        d.Op0Addr = Add(Bit(1) ? d.Fp : d.Ap, d.OffOp0, k);
        d.Dst = execution.Read(d.DstAddr);
        d.Op0 = execution.Read(d.Op0Addr);
        ulong op1Base = Bit(2) ? d.Pc : Bit(4) ? d.Ap : Bit(3) ? d.Fp : ToAddress(d.Op0, k);
        d.Op1Addr = Add(op1Base, d.OffOp1, k);
        d.Op1 = execution.Read(d.Op1Addr);
        if (Bit(9)) d.Res = d.Dst.IsZero ? Felt.Zero : d.Dst.Inverse();
        else if (Bit(5)) d.Res = d.Op0 + d.Op1;
        else if (Bit(6)) d.Res = d.Op0 * d.Op1;
        else d.Res = d.Op1;
        d.T0 = Bit(9) ? d.Dst : Felt.Zero;

        Felt pc = Felt.FromUInt64(d.Pc), ap = Felt.FromUInt64(d.Ap), fp = Felt.FromUInt64(d.Fp);
        Felt npc = pc + (Bit(2) ? 2 : 1);
        d.NextPc = Bit(9) ? (d.Dst.IsZero ? npc : pc + d.Op1) : Bit(7) ? d.Res : Bit(8) ? pc + d.Res : npc;
        d.NextAp = Bit(12) ? ap + 2 : Bit(10) ? ap + d.Res : Bit(11) ? ap + 1 : ap;
        d.NextFp = Bit(12) ? ap + 2 : Bit(13) ? d.Dst : fp;
        if (Bit(12) && (d.Dst != fp || d.Op0 != npc || d.OffDst != Bias || d.OffOp0 != Bias + 1 || Bit(0) || Bit(1)))
            throw new CairoProverException($"step {k}: the call at pc {d.Pc} does not push fp and the return pc to [ap], [ap + 1]");
        if (Bit(13) && (!Bit(7) || !Bit(0) || !Bit(3) || resLogic != 0 || d.OffDst != Bias - 2 || d.OffOp1 != Bias - 1))
            throw new CairoProverException($"step {k}: the ret at pc {d.Pc} is not 'jmp abs [fp − 1]' with fp ← [fp − 2]");
        if (Bit(14) && d.Dst != d.Res) throw new CairoProverException($"step {k}: assert_eq fails at pc {d.Pc}");
        return d;
    }

    private static void CheckNext(in DecodedStep d, ulong pc, ulong ap, ulong fp, int k)
    {
        if (d.NextPc != Felt.FromUInt64(pc) || d.NextAp != Felt.FromUInt64(ap) || d.NextFp != Felt.FromUInt64(fp))
            throw new CairoProverException($"step {k}: the next registers in trace.bin do not follow from the instruction at pc {d.Pc}");
    }
}
