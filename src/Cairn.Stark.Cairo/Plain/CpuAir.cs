using Cairn.Primitives;
using Cairn.Stark.Air;

namespace Cairn.Stark.Cairo.Plain;

/// <summary>
/// The Cairo CPU AIR on the plain layout's geometry (spec stark-prover.md §6.2–6.6; Stone
/// <c>cpu_air_definition10</c>): 6 main + 2 interaction columns, 16 rows per step, the 47 constraints of §6.3 in
/// Stone's order and algebraic form, the 49-entry mask, and the interaction challenges <c>z, α, z_rc</c>. A layout
/// that places builtins in the geometry's spare cells appends its constraints (after the 47) and mask entries (after
/// the 49) through the constructor and <see cref="EvaluateBuiltins"/>.
/// </summary>
public abstract class CpuAir : IAir
{
    public const int RowsPerStep = 16;

    /// <summary>The CPU, memory and range-check constraints every layout has (spec §6.3).</summary>
    public const int CpuConstraintCount = 47;

    /// <summary>The CPU mask's length (spec §6.2).</summary>
    public const int CpuMaskCount = 49;

    // Mask positions (spec §6.2 order).
    internal const int C0Off = 0;        // c0 {0, 1, 4, 8}
    internal const int C1 = 4;           // c1 {0 … 15}
    internal const int C2 = 20;          // c2 {0, 1}
    internal const int C3 = 22;          // c3 {0, 1, 2, 3, 4, 5, 8, 9, 12, 13, 16}
    internal const int C4 = 33;          // c4 {0, 1, 2, 3}
    internal const int C5 = 37;          // c5 {0, 2, 4, 8, 10, 12, 16, 24}
    internal const int C6 = 45;          // c6 {0, 1}
    internal const int C7 = 47;          // c7 {0, 2}

    private static readonly Felt Half = Felt.FromUInt64(1 << 15);
    private static readonly Felt Shift16 = Felt.FromUInt64(1 << 16);
    private static readonly Felt Four = Felt.FromUInt64(4);

    private readonly ConstraintDomain[] _domains;
    private readonly Felt _initialAp, _initialPc, _finalAp, _finalPc, _rcMin, _rcMax;
    private PublicProduct? _product;

    /// <param name="extraDomains">The domains of the layout's builtin constraints (numbered from 47).</param>
    /// <param name="extraMask">The layout's builtin mask entries (numbered from 49).</param>
    protected CpuAir(CairoPublicInput publicInput, string layout, IReadOnlyList<ConstraintDomain> extraDomains, IReadOnlyList<MaskEntry> extraMask)
    {
        if (publicInput.Validate() is { } error) throw new ArgumentException($"invalid public input: {error}", nameof(publicInput));
        if (publicInput.Layout != layout) throw new ArgumentException($"the public input's layout is '{publicInput.Layout}', not {layout}", nameof(publicInput));
        PublicInput = publicInput;
        TraceLength = checked((int)(publicInput.NSteps * RowsPerStep));
        int t = TraceLength;
        _initialAp = Felt.FromUInt64(publicInput.InitialAp);
        _initialPc = Felt.FromUInt64(publicInput.InitialPc);
        _finalAp = Felt.FromUInt64(publicInput.FinalAp);
        _finalPc = Felt.FromUInt64(publicInput.FinalPc);
        _rcMin = Felt.FromUInt64((ulong)publicInput.RcMin);
        _rcMax = Felt.FromUInt64((ulong)publicInput.RcMax);

        var allButStep15 = new ConstraintDomain(1, 0, RowsPerStep, RowsPerStep - 1);
        var step15 = new ConstraintDomain(RowsPerStep, RowsPerStep - 1);
        var steps = new ConstraintDomain(RowsPerStep, 0);
        var stepsButLast = new ConstraintDomain(RowsPerStep, 0, t - RowsPerStep);
        var first = ConstraintDomain.SingleRow(0, t);
        var lastStep = ConstraintDomain.SingleRow(t - RowsPerStep, t);
        var evenButLast = new ConstraintDomain(2, 0, t - 2);
        var lastEven = ConstraintDomain.SingleRow(t - 2, t);
        var every8 = new ConstraintDomain(8, 0);
        var allButLast = ConstraintDomain.EveryRow(t - 1);
        var last = ConstraintDomain.SingleRow(t - 1, t);
        _domains = new ConstraintDomain[CpuConstraintCount + extraDomains.Count];
        _domains[0] = allButStep15;
        _domains[1] = step15;
        for (int k = 2; k <= 11; k++) _domains[k] = steps;
        for (int k = 12; k <= 17; k++) _domains[k] = stepsButLast;
        for (int k = 18; k <= 26; k++) _domains[k] = steps;
        _domains[27] = _domains[28] = _domains[29] = first;
        _domains[30] = _domains[31] = _domains[32] = lastStep;
        _domains[33] = first;
        _domains[34] = evenButLast;
        _domains[35] = lastEven;
        _domains[36] = _domains[37] = evenButLast;
        _domains[38] = first;
        _domains[39] = _domains[40] = every8;
        _domains[41] = first;
        _domains[42] = allButLast;
        _domains[43] = last;
        _domains[44] = allButLast;
        _domains[45] = first;
        _domains[46] = last;
        for (int k = 0; k < extraDomains.Count; k++) _domains[CpuConstraintCount + k] = extraDomains[k];

        var mask = new List<MaskEntry>(CpuMaskCount + extraMask.Count);
        foreach (int r in (int[])[0, 1, 4, 8]) mask.Add(new(r, 0));
        for (int r = 0; r < 16; r++) mask.Add(new(r, 1));
        foreach (int r in (int[])[0, 1]) mask.Add(new(r, 2));
        foreach (int r in (int[])[0, 1, 2, 3, 4, 5, 8, 9, 12, 13, 16]) mask.Add(new(r, 3));
        foreach (int r in (int[])[0, 1, 2, 3]) mask.Add(new(r, 4));
        foreach (int r in (int[])[0, 2, 4, 8, 10, 12, 16, 24]) mask.Add(new(r, 5));
        foreach (int r in (int[])[0, 1]) mask.Add(new(r, 6));
        foreach (int r in (int[])[0, 2]) mask.Add(new(r, 7));
        mask.AddRange(extraMask);
        Mask = mask;
    }

    /// <summary>The Stone names of the 47 CPU constraints, in order (spec §6.3).</summary>
    public static IReadOnlyList<string> CpuConstraintNames { get; } =
    [
        "cpu/decode/opcode_range_check/bit", "cpu/decode/opcode_range_check/zero", "cpu/decode/opcode_range_check_input",
        "cpu/decode/flag_op1_base_op0_bit", "cpu/decode/flag_res_op1_bit", "cpu/decode/flag_pc_update_regular_bit",
        "cpu/decode/fp_update_regular_bit", "cpu/operands/mem_dst_addr", "cpu/operands/mem0_addr", "cpu/operands/mem1_addr",
        "cpu/operands/ops_mul", "cpu/operands/res", "cpu/update_registers/update_pc/tmp0", "cpu/update_registers/update_pc/tmp1",
        "cpu/update_registers/update_pc/pc_cond_negative", "cpu/update_registers/update_pc/pc_cond_positive",
        "cpu/update_registers/update_ap/ap_update", "cpu/update_registers/update_fp/fp_update", "cpu/opcodes/call/push_fp",
        "cpu/opcodes/call/push_pc", "cpu/opcodes/call/off0", "cpu/opcodes/call/off1", "cpu/opcodes/call/flags",
        "cpu/opcodes/ret/off0", "cpu/opcodes/ret/off2", "cpu/opcodes/ret/flags", "cpu/opcodes/assert_eq/assert_eq",
        "initial_ap", "initial_fp", "initial_pc", "final_ap", "final_fp", "final_pc",
        "memory/multi_column_perm/perm/init0", "memory/multi_column_perm/perm/step0", "memory/multi_column_perm/perm/last",
        "memory/diff_is_bit", "memory/is_func", "memory/initial_addr", "public_memory_addr_zero", "public_memory_value_zero",
        "range_check16/perm/init0", "range_check16/perm/step0", "range_check16/perm/last", "range_check16/diff_is_bit",
        "range_check16/minimum", "range_check16/maximum",
    ];

    public CairoPublicInput PublicInput { get; }

    /// <summary>Check the permutation products' final values while building them (off only for soundness tests).</summary>
    internal bool CheckInteraction { get; init; } = true;

    public int TraceLength { get; }

    public int MainColumns => 6;

    public int InteractionColumns => 2;

    public int InteractionChallenges => 3;

    public int ConstraintDegree => 2;

    public IReadOnlyList<MaskEntry> Mask { get; }

    public IReadOnlyList<ConstraintDomain> ConstraintDomains => _domains;

    public IReadOnlyList<PeriodicColumn> PeriodicColumns { get; } = [];

    public byte[] PublicInputSeed() => PublicInput.Seed();

    /// <summary>P_pub for the drawn (z, α), computed once per challenge pair (thread-safe: an immutable snapshot).</summary>
    private Felt PublicMemoryProduct(Felt z, Felt alpha)
    {
        var cached = Volatile.Read(ref _product);
        if (cached is not null && cached.Z == z && cached.Alpha == alpha) return cached.Value;
        var fresh = new PublicProduct(z, alpha, PublicInput.PublicMemoryProduct(z, alpha));
        Volatile.Write(ref _product, fresh);
        return fresh.Value;
    }

    private sealed record PublicProduct(Felt Z, Felt Alpha, Felt Value);

    public void EvaluateConstraints(ConstraintFrame frame, Span<Felt> c)
    {
        EvaluateCpu(frame, c);
        EvaluateBuiltins(frame.Mask, c[CpuConstraintCount..]);
    }

    /// <summary>Writes the layout's builtin constraints (from 47 on) from the mask (whose builtin entries start at 49).</summary>
    protected abstract void EvaluateBuiltins(ReadOnlySpan<Felt> mask, Span<Felt> c);

    [System.Runtime.CompilerServices.SkipLocalsInit]
    private void EvaluateCpu(ConstraintFrame frame, Span<Felt> c)
    {
        var m = frame.Mask;
        Felt one = Felt.One;
        Span<Felt> f = stackalloc Felt[15];
        for (int i = 0; i < 15; i++)
        {
            Felt next = m[C1 + i + 1];
            f[i] = m[C1 + i] - (next + next);
        }
        Felt offDst = m[C0Off], offOp1 = m[C0Off + 2], offOp0 = m[C0Off + 3];
        Felt pc = m[C3], inst = m[C3 + 1], op0Addr = m[C3 + 4], op0 = m[C3 + 5], dstAddr = m[C3 + 6], dst = m[C3 + 7];
        Felt op1Addr = m[C3 + 8], op1 = m[C3 + 9], pcNext = m[C3 + 10];
        Felt ap = m[C5], t0 = m[C5 + 1], mul = m[C5 + 2], fp = m[C5 + 3], t1 = m[C5 + 4], res = m[C5 + 5];
        Felt apNext = m[C5 + 6], fpNext = m[C5 + 7];

        Felt npc = pc + f[2] + one;
        Felt baseOp0 = one - f[2] - f[4] - f[3];
        Felt resOp1 = one - f[5] - f[6] - f[9];
        Felt pcReg = one - f[7] - f[8] - f[9];
        Felt fpReg = one - f[12] - f[13];

        // Decoding.
        c[0] = f[0] * f[0] - f[0];
        c[1] = m[C1];
        c[2] = inst - (((m[C1] * Shift16 + offOp1) * Shift16 + offOp0) * Shift16 + offDst);
        c[3] = baseOp0 * baseOp0 - baseOp0;
        c[4] = resOp1 * resOp1 - resOp1;
        c[5] = pcReg * pcReg - pcReg;
        c[6] = fpReg * fpReg - fpReg;
        // Operands.
        c[7] = dstAddr + Half - (f[0] * fp + (one - f[0]) * ap + offDst);
        c[8] = op0Addr + Half - (f[1] * fp + (one - f[1]) * ap + offOp0);
        c[9] = op1Addr + Half - (f[2] * pc + f[4] * ap + f[3] * fp + baseOp0 * op0 + offOp1);
        c[10] = mul - op0 * op1;
        c[11] = (one - f[9]) * res - (f[5] * (op0 + op1) + f[6] * mul + resOp1 * op1);
        // Register updates.
        c[12] = t0 - f[9] * dst;
        c[13] = t1 - t0 * res;
        c[14] = (one - f[9]) * pcNext + t0 * (pcNext - (pc + op1)) - (pcReg * npc + f[7] * res + f[8] * (pc + res));
        c[15] = (t1 - f[9]) * (pcNext - npc);
        c[16] = apNext - (ap + f[10] * res + f[11] + f[12].Double());
        c[17] = fpNext - (fpReg * fp + f[13] * dst + f[12] * (ap + Felt.Two));
        // Opcodes.
        c[18] = f[12] * (dst - fp);
        c[19] = f[12] * (op0 - (pc + f[2] + one));
        c[20] = f[12] * (offDst - Half);
        c[21] = f[12] * (offOp0 - (Half + one));
        c[22] = f[12] * (f[12] + f[12] + one + one - (f[0] + f[1] + Four));
        c[23] = f[13] * (offDst + Felt.Two - Half);
        c[24] = f[13] * (offOp1 + one - Half);
        c[25] = f[13] * (f[7] + f[0] + f[3] + resOp1 - Four);
        c[26] = f[14] * (dst - res);
        // Register boundaries.
        c[27] = ap - _initialAp;
        c[28] = fp - _initialAp;
        c[29] = pc - _initialPc;
        c[30] = ap - _finalAp;
        c[31] = fp - _initialAp;
        c[32] = pc - _finalPc;
        // Memory.
        var ch = frame.Challenges;
        Felt z = ch[0], alpha = ch[1], zRc = ch[2];
        Felt a0 = m[C4], v0 = m[C4 + 1], a1 = m[C4 + 2], v1 = m[C4 + 3];
        Felt p0 = m[C7], p1 = m[C7 + 1];
        c[33] = (z - (a0 + alpha * v0)) * p0 + pc + alpha * inst - z;
        c[34] = (z - (a1 + alpha * v1)) * p1 - (z - (m[C3 + 2] + alpha * m[C3 + 3])) * p0;
        c[35] = p0 - PublicMemoryProduct(z, alpha);
        Felt d = a1 - a0;
        c[36] = d * d - d;
        c[37] = (d - one) * (v0 - v1);
        c[38] = a0 - one;
        c[39] = m[C3 + 2];
        c[40] = m[C3 + 3];
        // Range checks.
        Felt s0 = m[C2], s1 = m[C2 + 1], q0 = m[C6], q1 = m[C6 + 1];
        c[41] = (zRc - s0) * q0 + offDst - zRc;
        c[42] = (zRc - s1) * q1 - (zRc - m[C0Off + 1]) * q0;
        c[43] = q0 - one;
        Felt e = s1 - s0;
        c[44] = e * e - e;
        c[45] = s0 - _rcMin;
        c[46] = s0 - _rcMax;
    }

    /// <summary>
    /// c6: <c>q_i = Π_{j ≤ i} (z_rc − c0[j]) / (z_rc − c2[j])</c>; c7 at even rows:
    /// <c>p_i = Π_{j ≤ i} (z − (a_j + α·v_j)) / (z − (a′_j + α·v′_j))</c>, 0 at odd rows (spec §6.4–6.5). Each is
    /// checked against its final value (1 and P_pub) before it is returned.
    /// </summary>
    public Felt[][] BuildInteractionTrace(IReadOnlyList<Felt[]> mainTrace, ReadOnlySpan<Felt> challenges)
    {
        Felt z = challenges[0], alpha = challenges[1], zRc = challenges[2];
        int t = TraceLength;
        var c0 = mainTrace[0];
        var c2 = mainTrace[2];
        var c3 = mainTrace[3];
        var c4 = mainTrace[4];
        var c6 = new Felt[t];
        var c7 = new Felt[t];
        Parallel.Invoke(
            () =>
            {
                var den = new Felt[t];
                for (int i = 0; i < t; i++) den[i] = zRc - c2[i];
                Felt.BatchInverse(den);
                Felt acc = Felt.One;
                for (int i = 0; i < t; i++)
                {
                    acc = acc * (zRc - c0[i]) * den[i];
                    c6[i] = acc;
                }
            },
            () =>
            {
                int pairs = t / 2;
                var den = new Felt[pairs];
                for (int i = 0; i < pairs; i++) den[i] = z - (c4[2 * i] + alpha * c4[2 * i + 1]);
                Felt.BatchInverse(den);
                Felt acc = Felt.One;
                for (int i = 0; i < pairs; i++)
                {
                    acc = acc * (z - (c3[2 * i] + alpha * c3[2 * i + 1])) * den[i];
                    c7[2 * i] = acc;
                }
            });
        if (!CheckInteraction) return [c6, c7];
        if (!c6[t - 1].IsOne) throw new CairoProverException("the range-check permutation product does not end at 1 (c2 is not a permutation of c0)");
        if (c7[t - 2] != PublicMemoryProduct(z, alpha))
            throw new CairoProverException("the memory permutation product does not end at the public-memory product");
        return [c6, c7];
    }
}
