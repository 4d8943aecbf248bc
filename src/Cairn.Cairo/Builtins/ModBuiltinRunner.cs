using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// add_mod / mul_mod (cairo-vm.md §4.11). An instance is 7 input cells
/// <c>(p0, p1, p2, p3, values_ptr, offsets_ptr, n)</c> describing one operation (batch size 1) on
/// 384-bit numbers held as 4 words of 96 bits: add_mod checks <c>a + b ≡ c (mod p)</c> with
/// <c>0 ≤ a + b − c &lt; 2p</c>, mul_mod <c>a · b ≡ c (mod p)</c> with <c>0 ≤ a·b − c &lt; 2^384·p</c>.
/// The cells are written by a hint through <see cref="FillMemory"/> and re-verified by
/// <see cref="RunSecurityChecks"/>; each instance also uses 15 memory units for its operands.
/// </summary>
public sealed class ModBuiltinRunner : BuiltinRunner
{
    /// <summary>Words per value (4 × 96 bits): the zero segment's size (<c>max(n_words, 3·batch_size)</c>).</summary>
    public const int ZeroSegmentSize = 4;

    /// <summary>Bits per word.</summary>
    public const int WordBitLen = 96;

    /// <summary>Words per value.</summary>
    public const int NWords = 4;

    /// <summary>Operations per instance.</summary>
    public const int BatchSize = 1;

    /// <summary>Largest operation count <see cref="FillMemory"/> accepts.</summary>
    public const int MaxN = 100000;

    /// <summary>Cells per instance (the 7 inputs).</summary>
    public const int InstanceCells = 7;

    public const int ValuesPtrOffset = 4;

    public const int OffsetsPtrOffset = 5;

    public const int NOffset = 6;

    private static readonly BigInteger Shift = BigInteger.One << WordBitLen;

    /// <summary><c>2^(n_words · word_bit_len)</c> = 2^384.</summary>
    private static readonly BigInteger IntLim = BigInteger.One << (WordBitLen * NWords);

    /// <summary>Creates the runner for <c>add_mod</c> or <c>mul_mod</c>.</summary>
    public ModBuiltinRunner(string name)
    {
        if (name != "add_mod" && name != "mul_mod") throw new ArgumentException($"not a mod builtin: {name}", nameof(name));
        Name = name;
        IsMul = name == "mul_mod";
    }

    public override string Name { get; }

    /// <summary>True for mul_mod, false for add_mod.</summary>
    public bool IsMul { get; }

    /// <summary>k_bound: 2 for add_mod, 2^384 for mul_mod.</summary>
    public BigInteger KBound => IsMul ? IntLim : 2;

    public override int CellsPerInstance => InstanceCells;

    public override int AdditionalMemoryUnitsPerInstance => 15;

    private string OpString => IsMul ? "*" : "+";

    // ---- fill_memory ----------------------------------------------------------------------

    /// <summary>
    /// <c>fill_memory</c> (§4.11; starkware-libs/cairo-lang mod_builtin_runner.py): given the first
    /// instance of each builtin and the number of operations in its offsets table, writes the
    /// remaining instances (same p and values_ptr, offsets_ptr advanced by 3, n decremented), pads
    /// the offsets table when the first instance declares more operations, and deduces every
    /// unknown operand of the values table (add_mod operations first while solvable). A mul_mod
    /// operand that needs a division by a non-invertible value gets a nullifier
    /// <c>p / gcd(known, p)</c>, and mul_mod's <c>n</c> becomes the index of the first such
    /// operation. A count of 0 means the builtin takes no part (its pointer is ignored).
    /// Errors are <see cref="MemoryException"/>s.
    /// </summary>
    public static void FillMemory(VmMemory memory, Relocatable addModPtr, int nAddMods, Relocatable mulModPtr, int nMulMods)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (nAddMods < 0 || nMulMods < 0) throw new MemoryException("fill_memory: the number of operations must be non-negative");
        if (nAddMods == 0 && nMulMods == 0) throw new MemoryException("fill_memory: at least one of add_mod and mul_mod must be given");
        var add = new ModBuiltinRunner("add_mod");
        var mul = new ModBuiltinRunner("mul_mod");

        Inputs addInputs = default, mulInputs = default;
        if (nAddMods > 0)
        {
            if (nAddMods > MaxN) throw new MemoryException($"add_mod builtin: n must be <= {MaxN}");
            addInputs = add.ReadInputs(memory, addModPtr, readN: true);
            add.FillInputs(memory, addModPtr, addInputs);
            FillOffsets(memory, addInputs.OffsetsPtr, nAddMods, addInputs.N - nAddMods);
        }
        if (nMulMods > 0)
        {
            if (nMulMods > MaxN) throw new MemoryException($"mul_mod builtin: n must be <= {MaxN}");
            // n is not read: the Sierra circuit code expects fill_memory to compute it.
            mulInputs = mul.ReadInputs(memory, mulModPtr, readN: false);
        }

        int addIndex = 0, mulIndex = 0;
        int? nComputedMulGates = null;
        while (addIndex < nAddMods || mulIndex < nMulMods)
        {
            if (addIndex < nAddMods && add.FillValue(memory, addInputs, addIndex) == FillResult.Success)
            {
                addIndex++;
                continue;
            }
            if (mulIndex < nMulMods)
            {
                var res = mul.FillValue(memory, mulInputs, mulIndex);
                if (res == FillResult.MissingOperand) throw CouldNotFill(addIndex, mulIndex);
                if (res == FillResult.ZeroDivisor && nComputedMulGates is null) nComputedMulGates = mulIndex;
                mulIndex++;
                continue;
            }
            throw CouldNotFill(addIndex, mulIndex);
        }

        if (nMulMods > 0)
        {
            var nAddress = mulModPtr.Add(NOffset);
            if (nComputedMulGates is null)
            {
                int n = nMulMods;
                if (memory.TryGet(nAddress, out var written))
                {
                    n = ReadSmallInt(written, nAddress, "mul_mod", "n");
                }
                nComputedMulGates = n;
                FillOffsets(memory, mulInputs.OffsetsPtr, nMulMods, n - nMulMods);
            }
            memory.Insert(nAddress, Felt.FromUInt64((ulong)nComputedMulGates.Value));
            mul.FillInputs(memory, mulModPtr, mulInputs with { N = nComputedMulGates.Value });
        }
    }

    private static MemoryException CouldNotFill(int addIndex, int mulIndex) =>
        new($"Could not fill the values table, add_mod_index={addIndex}, mul_mod_index={mulIndex}");

    /// <summary>Writes instances 1 … n/batch_size − 1 from the first instance's inputs.</summary>
    private void FillInputs(VmMemory memory, Relocatable builtinPtr, Inputs inputs)
    {
        if (inputs.N > MaxN) throw new MemoryException($"{Name} builtin: n must be <= {MaxN}");
        int nInstances = inputs.N / BatchSize;
        for (int instance = 1; instance < nInstances; instance++)
        {
            var at = builtinPtr.Add((long)instance * InstanceCells);
            for (int i = 0; i < NWords; i++) memory.Insert(at.Add(i), inputs.PWords[i]);
            memory.Insert(at.Add(ValuesPtrOffset), inputs.ValuesPtr);
            memory.Insert(at.Add(OffsetsPtrOffset), inputs.OffsetsPtr.Add(3L * instance * BatchSize));
            memory.Insert(at.Add(NOffset), Felt.FromUInt64((ulong)(inputs.N - instance * BatchSize)));
        }
    }

    /// <summary>Copies the first (a, b, c) offsets triple to operations index … index + nCopies − 1.</summary>
    private static void FillOffsets(VmMemory memory, Relocatable offsetsPtr, int index, int nCopies)
    {
        if (nCopies <= 0) return;
        Span<MaybeRelocatable> first = stackalloc MaybeRelocatable[3];
        for (int j = 0; j < 3; j++) first[j] = memory.Get(offsetsPtr.Add(j));
        for (int i = 0; i < nCopies; i++)
        {
            for (int j = 0; j < 3; j++) memory.Insert(offsetsPtr.Add(3L * (index + i) + j), first[j]);
        }
    }

    private enum FillResult
    {
        Success,
        MissingOperand,
        ZeroDivisor,
    }

    /// <summary>Deduces the operand of operation <paramref name="index"/> when exactly one is unknown.</summary>
    private FillResult FillValue(VmMemory memory, Inputs inputs, int index)
    {
        Span<Relocatable> addresses = stackalloc Relocatable[3];
        var values = new BigInteger?[3];
        for (int i = 0; i < 3; i++)
        {
            var offAddress = inputs.OffsetsPtr.Add(3L * index + i);
            var off = memory.Get(offAddress);
            if (!off.IsFelt) throw new MemoryException($"{Name} builtin: Expected integer at address {offAddress}. Got: {off}.");
            addresses[i] = inputs.ValuesPtr.AddFelt(off.FeltUnchecked);
            values[i] = ReadValue(memory, addresses[i], out _);
        }
        var (a, b, c) = (values[0], values[1], values[2]);
        if (a is not null && b is not null && c is not null) return FillResult.Success;
        var p = inputs.P;
        if (c is null && a is not null && b is not null)
        {
            var full = Op(a.Value, b.Value);
            if (full - (KBound - 1) * p > IntLim - 1)
            {
                throw new MemoryException($"{Name} builtin: Expected a {OpString} b - {KBound - 1} * p <= {IntLim - 1}. Got: a={a}, b={b}, p={p}.");
            }
            WriteValue(memory, addresses[2], ApplyOperation(a.Value, b.Value, p));
            return FillResult.Success;
        }
        if (b is null && a is not null && c is not null)
        {
            var (res, value) = CalcOperand(a.Value, c.Value, p);
            WriteValue(memory, addresses[1], value);
            return res;
        }
        if (a is null && b is not null && c is not null)
        {
            var (res, value) = CalcOperand(b.Value, c.Value, p);
            WriteValue(memory, addresses[0], value);
            return res;
        }
        return FillResult.MissingOperand;
    }

    private BigInteger Op(BigInteger a, BigInteger b) => IsMul ? a * b : a + b;

    /// <summary>
    /// <c>a op b</c> reduced the way the AIR expects: <c>(a op b) mod p</c> when
    /// <c>a op b &lt; k_bound · p</c>, else <c>a op b − (k_bound − 1) · p</c>.
    /// </summary>
    public BigInteger ApplyOperation(BigInteger a, BigInteger b, BigInteger p)
    {
        var full = Op(a, b);
        return full < KBound * p ? BigInteger.Remainder(full, p) : full - (KBound - 1) * p;
    }

    /// <summary>
    /// The smallest operand x with <c>x op known = res + k·p</c>, k in [0, k_bound); for mul_mod a
    /// non-invertible <paramref name="known"/> gives <see cref="FillResult.ZeroDivisor"/> and a
    /// nullifier.
    /// </summary>
    private (FillResult Result, BigInteger Value) CalcOperand(BigInteger known, BigInteger res, BigInteger p)
    {
        if (!IsMul)
        {
            if (known > res + p) throw new MemoryException($"add_mod builtin: addend greater than sum + p: {known} > {res} + {p}.");
            return (FillResult.Success, known <= res ? res - known : res + p - known);
        }
        var (gcd, x) = ExtendedGcd(known, p);
        if (gcd != 1) return (FillResult.ZeroDivisor, p / gcd);
        var value = Mod(res * x, p);
        var diff = known * value - res;
        var k = BigInteger.DivRem(diff, p, out var rem);
        if (!rem.IsZero) throw new MemoryException($"mul_mod builtin: inexact division of {diff} by {p}");
        if (k >= KBound) throw new MemoryException($"mul_mod builtin: (({known} * q) - {res}) / {p} > {KBound} for any q > 0, such that {known} * q = {res} (mod {p}).");
        if (k.Sign >= 0) return (FillResult.Success, value);
        // (known − 1 − k) is positive here, so truncating division is floor division.
        return (FillResult.Success, value + p * ((known - 1 - k) / known));
    }

    private static BigInteger Mod(BigInteger v, BigInteger m)
    {
        var r = BigInteger.Remainder(v, m);
        return r.Sign < 0 ? r + m : r;
    }

    /// <summary>gcd(a, m) and x with <c>a·x ≡ gcd (mod m)</c> (a, m ≥ 0; gcd(0, m) = m).</summary>
    private static (BigInteger Gcd, BigInteger X) ExtendedGcd(BigInteger a, BigInteger m)
    {
        BigInteger oldR = a, r = m, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            var q = BigInteger.Divide(oldR, r);
            (oldR, r) = (r, oldR - q * r);
            (oldS, s) = (s, oldS - q * s);
        }
        return (oldR, oldS);
    }

    // ---- reading and writing values -----------------------------------------------------------

    /// <summary>The inputs of one instance.</summary>
    private readonly record struct Inputs(BigInteger P, Felt[] PWords, Relocatable ValuesPtr, Relocatable OffsetsPtr, int N);

    private Inputs ReadInputs(VmMemory memory, Relocatable addr, bool readN)
    {
        var valuesPtr = ReadPointer(memory, addr.Add(ValuesPtrOffset));
        var offsetsPtr = ReadPointer(memory, addr.Add(OffsetsPtrOffset));
        int n = 0;
        if (readN)
        {
            var nAddress = addr.Add(NOffset);
            if (!memory.TryGet(nAddress, out var nValue)) throw new MemoryException($"{Name} builtin: Missing value at address {nAddress}.");
            n = ReadSmallInt(nValue, nAddress, Name, "n");
            if (n < 1) throw new MemoryException($"{Name} builtin: Expected n >= 1. Got: {n}.");
        }
        var p = ReadValue(memory, addr, out var words);
        if (p is null) throw new MemoryException($"{Name} builtin: Missing value at address {addr.Add(words.Length)}.");
        return new Inputs(p.Value, words, valuesPtr, offsetsPtr, n);
    }

    private Relocatable ReadPointer(VmMemory memory, Relocatable at)
    {
        if (!memory.TryGet(at, out var v)) throw new MemoryException($"{Name} builtin: Missing value at address {at}.");
        if (!v.IsRelocatable) throw new MemoryException($"{Name} builtin: Expected RelocatableValue at address {at}. Got: {v}.");
        return v.RelocatableUnchecked;
    }

    private static int ReadSmallInt(MaybeRelocatable v, Relocatable at, string name, string what)
    {
        if (!v.IsFelt) throw new MemoryException($"{name} builtin: Expected integer at address {at}. Got: {v}.");
        if (!v.FeltUnchecked.TryToUInt64(out ulong n) || n > int.MaxValue)
        {
            throw new MemoryException($"{name} builtin: {what} at address {at} is too large: {v.FeltUnchecked.ToDecimalString()}");
        }
        return (int)n;
    }

    /// <summary>
    /// Reads the 4 words at <paramref name="addr"/>: the value, or null when a word is missing
    /// (<paramref name="words"/> then holds the words read so far). Each word must be an integer
    /// below 2^96.
    /// </summary>
    private BigInteger? ReadValue(VmMemory memory, Relocatable addr, out Felt[] words)
    {
        var read = new List<Felt>(NWords);
        BigInteger value = 0;
        for (int i = 0; i < NWords; i++)
        {
            var at = addr.Add(i);
            if (!memory.TryGet(at, out var v))
            {
                words = [.. read];
                return null;
            }
            if (!v.IsFelt) throw new MemoryException($"{Name} builtin: Expected integer at address {at}. Got: {v}.");
            var w = v.FeltUnchecked.ToBigInteger();
            if (w >= Shift) throw new MemoryException($"{Name} builtin: Expected integer at address {at} to be smaller than 2^{WordBitLen}. Got: {w}.");
            read.Add(v.FeltUnchecked);
            value += w << (WordBitLen * i);
        }
        words = [.. read];
        return value;
    }

    private void WriteValue(VmMemory memory, Relocatable addr, BigInteger value)
    {
        if (value.Sign < 0 || value >= IntLim) throw new MemoryException($"{Name} builtin: value {value} does not fit in {NWords} words of {WordBitLen} bits");
        for (int i = 0; i < NWords; i++)
        {
            memory.Insert(addr.Add(i), Felt.FromBigInteger(value & (Shift - 1)));
            value >>= WordBitLen;
        }
    }

    // ---- security checks, memory accesses, private input --------------------------------------

    /// <summary>
    /// The end-of-run validation (<c>run_security_checks</c>): every instance up to the used size
    /// has its inputs; consecutive instances chain (same p and values_ptr, offsets_ptr + 3, n − 1)
    /// while the previous n exceeds the batch size; every operation satisfies its relation; the last
    /// instance has n = 1.
    /// </summary>
    public void RunSecurityChecks(VmMemory memory)
    {
        int used = GetUsedCells(memory);
        int nInstances = (used + InstanceCells - 1) / InstanceCells;
        Inputs? prev = null;
        for (int instance = 0; instance < nInstances; instance++)
        {
            var inputs = ReadInputs(memory, Base.Add((long)instance * InstanceCells), readN: true);
            if (prev is { } pr && pr.N > BatchSize)
            {
                for (int i = 0; i < NWords; i++)
                {
                    if (inputs.PWords[i] != pr.PWords[i]) throw SecurityError($"p{i} of instance {instance} ({inputs.PWords[i].ToDecimalString()}) differs from the previous instance ({pr.PWords[i].ToDecimalString()})");
                }
                if (inputs.ValuesPtr != pr.ValuesPtr) throw SecurityError($"values_ptr of instance {instance} ({inputs.ValuesPtr}) differs from the previous instance ({pr.ValuesPtr})");
                if (inputs.OffsetsPtr != pr.OffsetsPtr.Add(3 * BatchSize)) throw SecurityError($"offsets_ptr of instance {instance} ({inputs.OffsetsPtr}) != previous offsets_ptr + 3 ({pr.OffsetsPtr.Add(3 * BatchSize)})");
                if (inputs.N != pr.N - BatchSize) throw SecurityError($"n of instance {instance} ({inputs.N}) != previous n - 1 ({pr.N - BatchSize})");
            }
            for (int k = 0; k < BatchSize; k++)
            {
                var (a, b, c) = ReadMemoryVars(memory, inputs.ValuesPtr, inputs.OffsetsPtr, k);
                var full = Op(a, b);
                if (Mod(full, inputs.P) != Mod(c, inputs.P))
                {
                    throw new MemoryException($"{Name} builtin: Expected a {OpString} b == c (mod p). Got: instance={instance}, batch={k}, p={inputs.P}, a={a}, b={b}, c={c}.");
                }
                if (!(full - c < KBound * inputs.P && full >= c))
                {
                    throw new MemoryException($"{Name} builtin: Expected (a {OpString} b - c)/p to be in {{0,1,...,{KBound - 1}}}. Got: instance={instance}, batch={k}, p={inputs.P}, a={a}, b={b}, c={c}.");
                }
            }
            prev = inputs;
        }
        if (prev is { } last && last.N != BatchSize)
        {
            throw SecurityError($"the last instance must have n = {BatchSize}. Got: n={last.N}");
        }
    }

    private MemoryException SecurityError(string message) => new($"{Name} builtin: security check failed: {message}");

    private (BigInteger A, BigInteger B, BigInteger C) ReadMemoryVars(VmMemory memory, Relocatable valuesPtr, Relocatable offsetsPtr, int indexInBatch)
    {
        var result = new BigInteger[3];
        for (int i = 0; i < 3; i++)
        {
            var offAddress = offsetsPtr.Add(i + 3L * indexInBatch);
            if (!memory.TryGet(offAddress, out var off)) throw new MemoryException($"{Name} builtin: Missing value at address {offAddress}.");
            if (!off.IsFelt) throw new MemoryException($"{Name} builtin: Expected integer at address {offAddress}. Got: {off}.");
            var at = valuesPtr.AddFelt(off.FeltUnchecked);
            var value = ReadValue(memory, at, out var words);
            result[i] = value ?? throw new MemoryException($"{Name} builtin: Missing value at address {at.Add(words.Length)}.");
        }
        return (result[0], result[1], result[2]);
    }

    /// <summary>
    /// The cells of the offsets and values tables the instances refer to (<c>get_memory_accesses</c>):
    /// they count as accessed for the memory-hole count (§1.6). Instances whose pointers are
    /// missing are skipped.
    /// </summary>
    public IEnumerable<Relocatable> GetMemoryAccesses(VmMemory memory)
    {
        int used = GetUsedCells(memory);
        int nInstances = (used + InstanceCells - 1) / InstanceCells;
        for (int instance = 0; instance < nInstances; instance++)
        {
            var at = Base.Add((long)instance * InstanceCells);
            if (!memory.TryGet(at.Add(OffsetsPtrOffset), out var offsets) || !offsets.IsRelocatable) continue;
            if (!memory.TryGet(at.Add(ValuesPtrOffset), out var values) || !values.IsRelocatable) continue;
            for (int i = 0; i < 3 * BatchSize; i++)
            {
                var offAddress = offsets.RelocatableUnchecked.Add(i);
                yield return offAddress;
                if (!memory.TryGet(offAddress, out var off) || !off.IsFelt) continue;
                if (!off.FeltUnchecked.TryToUInt64(out ulong o) || o > int.MaxValue) continue;
                var valueAddress = values.RelocatableUnchecked.Add((long)o);
                for (int j = 0; j < NWords; j++) yield return valueAddress.Add(j);
            }
        }
    }

    /// <summary>One operation of an instance in the AIR private input.</summary>
    public sealed record ModPrivateInputOperation(ulong AOffset, Felt[] A, ulong BOffset, Felt[] B, ulong COffset, Felt[] C);

    /// <summary>One instance in the AIR private input (§4.11).</summary>
    public sealed record ModPrivateInputInstance(int Index, Felt[] P, ulong ValuesPtr, ulong OffsetsPtr, ulong N, IReadOnlyList<ModPrivateInputOperation> Batch);

    /// <summary>
    /// The private-input instances (§4.11, §6.7): one per complete instance of the used cells, with
    /// the relocated table pointers and every operand's words (missing cells read as 0, as the Rust
    /// VM does).
    /// </summary>
    public IReadOnlyList<ModPrivateInputInstance> GetPrivateInput(VmMemory memory, RelocationTable table)
    {
        var list = new List<ModPrivateInputInstance>();
        int used = GetUsedCells(memory);
        for (int instance = 0; instance < used / InstanceCells; instance++)
        {
            var at = Base.Add((long)instance * InstanceCells);
            var p = new Felt[NWords];
            for (int i = 0; i < NWords; i++) p[i] = FeltOrZero(memory, at.Add(i));
            var valuesPtr = PointerOrNull(memory, at.Add(ValuesPtrOffset));
            var offsetsPtr = PointerOrNull(memory, at.Add(OffsetsPtrOffset));
            ulong n = memory.TryGet(at.Add(NOffset), out var nv) && nv.IsFelt && nv.FeltUnchecked.TryToUInt64(out ulong nn) ? nn : 0;
            var batch = new List<ModPrivateInputOperation>();
            for (int k = 0; k < BatchSize; k++)
            {
                var offs = new ulong[3];
                var words = new Felt[3][];
                for (int i = 0; i < 3; i++)
                {
                    offs[i] = offsetsPtr is { } op && memory.TryGet(op.Add(3L * k + i), out var ov) && ov.IsFelt && ov.FeltUnchecked.TryToUInt64(out ulong o) ? o : 0;
                    words[i] = new Felt[NWords];
                    for (int j = 0; j < NWords; j++)
                    {
                        words[i][j] = valuesPtr is { } vp && offs[i] <= int.MaxValue ? FeltOrZero(memory, vp.Add((long)offs[i] + j)) : Felt.Zero;
                    }
                }
                batch.Add(new ModPrivateInputOperation(offs[0], words[0], offs[1], words[1], offs[2], words[2]));
            }
            list.Add(new ModPrivateInputInstance(
                instance, p,
                valuesPtr is { } v ? table.Relocate(v) : 0,
                offsetsPtr is { } o2 ? table.Relocate(o2) : 0,
                n, batch));
        }
        return list;
    }

    private static Felt FeltOrZero(VmMemory memory, Relocatable at) =>
        memory.TryGet(at, out var v) && v.IsFelt ? v.FeltUnchecked : Felt.Zero;

    private static Relocatable? PointerOrNull(VmMemory memory, Relocatable at) =>
        memory.TryGet(at, out var v) && v.IsRelocatable ? v.RelocatableUnchecked : null;
}
