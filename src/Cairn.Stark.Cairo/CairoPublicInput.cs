using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Cairn.Cairo.Instructions;
using Cairn.Cairo.Output;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Stark.Cairo;

/// <summary>
/// The public statement of a Cairo proof (spec stark-prover.md §6.6–6.7): layout, range-check bounds, number of
/// steps, memory segments and public memory. Derives the register boundaries, the channel seed, the public-memory
/// product <c>P_pub</c> (§6.4) and the summary the verifier prints (program hash, output).
/// </summary>
public sealed class CairoPublicInput
{
    /// <summary>Stone v3 prepends this count to the seed (§6.7); Cairn proves with 0.</summary>
    public const int VerifierFriendlyCommitmentLayers = 0;

    public CairoPublicInput(AirPublicInput air)
    {
        Air = air;
        Layout = air.Layout;
        RcMin = air.RcMin;
        RcMax = air.RcMax;
        NSteps = air.NSteps;
        Segments = air.MemorySegments;
        PublicMemory = air.PublicMemory;
    }

    public AirPublicInput Air { get; }

    public string Layout { get; }

    public int RcMin { get; }

    public int RcMax { get; }

    public long NSteps { get; }

    public IReadOnlyList<MemorySegmentAddresses> Segments { get; }

    public IReadOnlyList<PublicMemoryEntry> PublicMemory { get; }

    /// <summary>The segment named <paramref name="name"/>, or null.</summary>
    public MemorySegmentAddresses? Segment(string name)
    {
        foreach (var s in Segments)
            if (s.Name == name) return s;
        return null;
    }

    private MemorySegmentAddresses Required(string name) =>
        Segment(name) ?? throw new CairoProverException($"the public input has no '{name}' segment");

    public ulong InitialPc => Required("program").BeginAddr;

    public ulong FinalPc => Required("program").StopPtr;

    public ulong InitialAp => Required("execution").BeginAddr;

    public ulong FinalAp => Required("execution").StopPtr;

    /// <summary>The segments the layout's seed and AIR use, in the layout's order.</summary>
    public static IReadOnlyList<string> LayoutSegments(string layout) => CairoLayout.Get(layout).Segments;

    /// <summary>Number of range-check builtin instances the trace holds (<c>n_steps / ratio</c>; 0 without the builtin).</summary>
    public long RangeCheckInstances => CairoLayout.Find(Layout) is { RangeCheckRatio: > 0 } layout ? NSteps / layout.RangeCheckRatio : 0;

    /// <summary>A copy with another number of steps (the prover may extend the final jmp-rel-0 loop).</summary>
    public CairoPublicInput WithSteps(long nSteps) => new(Air with { NSteps = nSteps });

    /// <summary>
    /// The checks a verifier makes on the public input before anything else (spec §5.12 pitfalls 5–7, §6.5): a known
    /// layout with exactly its segments, a power-of-two step count, <c>0 ≤ rc_min ≤ rc_max &lt; 2^16</c>, a non-empty
    /// public memory that fits the slots, canonical and distinct-valued public addresses, and the builtin segments'
    /// checks (<see cref="ValidateBuiltins"/>); null when all hold.
    /// </summary>
    public string? Validate()
    {
        if (CairoLayout.Find(Layout) is not { } layout) return $"unsupported layout '{Layout}'";
        if (NSteps < 2 || NSteps > 1 << 26 || !BitOperations.IsPow2(NSteps)) return "n_steps must be a power of two in [2, 2^26]";
        if (RcMin < 0 || RcMin > RcMax || RcMax >= 1 << 16) return "the range-check bounds must satisfy 0 ≤ rc_min ≤ rc_max < 2^16";
        var names = layout.Segments;
        if (Segments.Count != names.Count) return $"layout {Layout} has exactly the segments {string.Join(", ", names)}";
        for (int i = 0; i < names.Count; i++)
        {
            if (Segments[i].Name != names[i]) return $"segment {i} must be '{names[i]}'";
            if (Segments[i].BeginAddr == 0) return $"segment '{names[i]}' begins at address 0";
            if (i >= 2 && Segments[i].StopPtr < Segments[i].BeginAddr) return $"segment '{names[i]}' stops before it begins";
        }
        if (PublicMemory.Count == 0) return "the public memory is empty";
        if (PublicMemory.Count > PublicMemorySlots) return $"the public memory has {PublicMemory.Count} entries, more than the {PublicMemorySlots} slots";
        var seen = new Dictionary<ulong, Felt>();
        foreach (var e in PublicMemory)
        {
            if (e.Address == 0) return "a public memory address is 0";
            if (e.Page != 0) return "only page 0 is supported";
            if (seen.TryGetValue(e.Address, out var v) && v != e.Value) return $"public memory address {e.Address} has two values";
            seen[e.Address] = e.Value;
        }
        return ValidateBuiltins(layout, seen);
    }

    /// <summary>
    /// The builtin segments (spec §7.1): the program's builtin pointers bound to them
    /// (<see cref="ValidateBuiltinStack"/>), unconstrained builtins unused (<c>begin = stop</c>), the range-check segment
    /// within the trace's instances (<c>begin ≤ stop ≤ begin + n_steps/ratio</c>), every output cell in the public
    /// memory.
    /// </summary>
    private string? ValidateBuiltins(CairoLayout layout, Dictionary<ulong, Felt> publicMemory)
    {
        foreach (var name in layout.Unconstrained)
        {
            var s = Required(name);
            if (s.StopPtr != s.BeginAddr)
                return $"the {name} builtin is used ({s.StopPtr - s.BeginAddr} cells) but Cairn's {layout.Name} layout does not prove it yet (its segment must be empty)";
        }
        if (layout.RangeCheckRatio > 0)
        {
            if (NSteps < layout.RangeCheckRatio) return $"layout {layout.Name} needs n_steps ≥ {layout.RangeCheckRatio}";
            var rc = Required("range_check");
            if (rc.StopPtr - rc.BeginAddr > (ulong)RangeCheckInstances)
                return $"the range_check segment has {rc.StopPtr - rc.BeginAddr} cells, more than the {RangeCheckInstances} instances of {NSteps} steps";
        }
        if (layout.HasOutput)
        {
            var output = Required("output");
            if (output.StopPtr - output.BeginAddr > (ulong)PublicMemory.Count) return "the output segment is larger than the public memory";
            for (ulong a = output.BeginAddr; a < output.StopPtr; a++)
                if (!publicMemory.ContainsKey(a)) return $"output cell {a} is not in the public memory";
        }
        return layout.Segments.Count > 2 ? ValidateBuiltinStack(layout, publicMemory) : null;
    }

    /// <summary>Most builtin pointers a proof-mode prologue may pass (the canonical builtins).</summary>
    private const int MaxBuiltinPointers = 16;

    /// <summary>
    /// Binds the program's builtin pointers to the segments (what L1's statement verifier writes into the main page):
    /// the proof-mode prologue <c>ap += k; call main</c> passes <c>k</c> builtin pointers at
    /// <c>[initial_ap, initial_ap + k)</c> and <c>main</c> returns their stop pointers at <c>[final_ap − k, final_ap)</c>,
    /// all public. Each non-zero pair must be the <c>(begin_addr, stop_ptr)</c> of one of the layout's builtin segments,
    /// in the layout's order (a zero pair is a builtin the layout lacks, unused); every other builtin segment must be
    /// empty. A program that does not start with <c>ap += k</c> passes no pointers. Without this check a statement could
    /// place the range-check instances away from the cells the program range-checks.
    /// </summary>
    private string? ValidateBuiltinStack(CairoLayout layout, Dictionary<ulong, Felt> publicMemory)
    {
        int k = 0;
        if (publicMemory.TryGetValue(InitialPc, out var word)
            && InstructionDecoder.TryDecode(word, out var first, out _)
            && first is { Op1Src: Op1Source.Imm, ApUpdate: ApUpdate.Add, Opcode: Opcode.Nop, PcUpdate: PcUpdate.Regular, Res: ResLogic.Op1 }
            && publicMemory.TryGetValue(InitialPc + 1, out var immediate))
        {
            if (!immediate.TryToUInt64(out ulong count) || count > MaxBuiltinPointers)
                return $"the prologue 'ap += {immediate}' passes more than {MaxBuiltinPointers} builtin pointers";
            k = (int)count;
        }
        if (FinalAp < (ulong)k) return "the final ap is below the builtin stop pointers";
        var listed = new bool[layout.Segments.Count];
        int next = 2;
        for (int i = 0; i < k; i++)
        {
            ulong initialAt = InitialAp + (ulong)i, finalAt = FinalAp - (ulong)k + (ulong)i;
            if (!publicMemory.TryGetValue(initialAt, out var begin) || !publicMemory.TryGetValue(finalAt, out var stop))
                return $"builtin pointer {i} of the prologue (at {initialAt} and {finalAt}) is not in the public memory";
            if (begin.IsZero)
            {
                if (!stop.IsZero) return $"builtin pointer {i} is 0 (a builtin the layout lacks) but its stop pointer is {stop}";
                continue;
            }
            int j = next;
            while (j < Segments.Count && Felt.FromUInt64(Segments[j].BeginAddr) != begin) j++;
            if (j == Segments.Count)
                return $"the program's builtin pointer {i} ({begin}) is not the begin_addr of a {layout.Name} builtin segment (in the layout's order)";
            if (Felt.FromUInt64(Segments[j].StopPtr) != stop)
                return $"the program's final {Segments[j].Name} pointer {stop} differs from the segment's stop_ptr {Segments[j].StopPtr}";
            listed[j] = true;
            next = j + 1;
        }
        for (int j = 2; j < Segments.Count; j++)
        {
            if (!listed[j] && Segments[j].StopPtr != Segments[j].BeginAddr)
                return $"the {Segments[j].Name} segment is not empty but the program was not given its pointer";
        }
        return null;
    }

    /// <summary>Public-memory slots: 2 per step (T/8, spec §6.2).</summary>
    public long PublicMemorySlots => 2 * NSteps;

    /// <summary>
    /// <c>P_pub = z^S / (Π (z − (a + α·v)) · (z − (a_0 + α·v_0))^{S − n})</c> over the public memory, S the slot count
    /// (spec §6.4).
    /// </summary>
    public Felt PublicMemoryProduct(Felt z, Felt alpha)
    {
        long s = PublicMemorySlots;
        Felt denominator = Felt.One;
        foreach (var e in PublicMemory) denominator *= z - (Felt.FromUInt64(e.Address) + alpha * e.Value);
        var first = PublicMemory[0];
        Felt padding = z - (Felt.FromUInt64(first.Address) + alpha * first.Value);
        denominator *= padding.Pow((ulong)(s - PublicMemory.Count));
        return z.Pow((ulong)s) * denominator.Inverse();
    }

    /// <summary>
    /// The channel seed (spec §6.7, Stone v3 order, every integer as BE256): verifier-friendly layers, log2 n_steps,
    /// rc_min, rc_max, the layout name, each layout segment's begin and stop, the padding entry, the page count and
    /// page 0's size and Keccak-256 hash of its (address, value) words.
    /// </summary>
    public byte[] Seed()
    {
        var words = new List<BigInteger>
        {
            VerifierFriendlyCommitmentLayers,
            BitOperations.Log2((ulong)NSteps),
            RcMin,
            RcMax,
            new BigInteger(Encoding.ASCII.GetBytes(Layout), isUnsigned: true, isBigEndian: true),
        };
        foreach (var name in LayoutSegments(Layout))
        {
            var s = Required(name);
            words.Add(s.BeginAddr);
            words.Add(s.StopPtr);
        }
        words.Add(PublicMemory[0].Address);
        words.Add(PublicMemory[0].Value.ToBigInteger());
        words.Add(1);
        words.Add(PublicMemory.Count);
        var page = new byte[PublicMemory.Count * 64];
        for (int i = 0; i < PublicMemory.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(page.AsSpan(i * 64 + 24, 8), PublicMemory[i].Address);
            PublicMemory[i].Value.WriteBytesBE(page.AsSpan(i * 64 + 32, 32));
        }
        var seed = new byte[(words.Count + 1) * 32];
        for (int i = 0; i < words.Count; i++)
        {
            if (!words[i].TryWriteBytes(seed.AsSpan(i * 32, 32)[(32 - words[i].GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true))
                throw new InvalidOperationException("a seed word does not fit 32 bytes");
        }
        Keccak256.Hash(page, seed.AsSpan(words.Count * 32, 32));
        return seed;
    }

    /// <summary>
    /// The program's words: the public memory from the program's first address up to the execution segment's base
    /// (proof mode starts ap two cells above it, after the <c>[base + 2, 0]</c> stack).
    /// </summary>
    public Felt[] ProgramData()
    {
        ulong begin = InitialPc, end = InitialAp - 2;
        var map = new SortedDictionary<ulong, Felt>();
        foreach (var e in PublicMemory)
            if (e.Address >= begin && e.Address < end) map[e.Address] = e.Value;
        var data = new List<Felt>();
        ulong expected = begin;
        foreach (var (address, value) in map)
        {
            if (address != expected) break;
            data.Add(value);
            expected++;
        }
        return [.. data];
    }

    /// <summary>cairo-lang's <c>compute_program_hash_chain</c>: the Pedersen hash chain over [len, data…].</summary>
    public Felt ProgramHash()
    {
        var data = ProgramData();
        Felt h = data.Length == 0 ? (Felt)0 : data[^1];
        for (int i = data.Length - 2; i >= 0; i--) h = Pedersen.Hash(data[i], h);
        return data.Length == 0 ? h : Pedersen.Hash(Felt.FromUInt64((ulong)data.Length), h);
    }

    /// <summary>The output builtin's cells when the layout has an output segment (none in plain); all are public (see <see cref="Validate"/>).</summary>
    public Felt[] Output()
    {
        if (Segment("output") is not { } output) return [];
        var map = new Dictionary<ulong, Felt>();
        foreach (var e in PublicMemory) map[e.Address] = e.Value;
        var result = new List<Felt>();
        for (ulong a = output.BeginAddr; a < output.StopPtr; a++)
            if (map.TryGetValue(a, out var v)) result.Add(v);
        return [.. result];
    }
}
