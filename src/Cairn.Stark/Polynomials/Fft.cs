using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cairn.Primitives;

namespace Cairn.Stark.Polynomials;

/// <summary>
/// Radix-2 number-theoretic transforms over the canonical subgroups <c>⟨ω_n⟩</c> (spec stark-prover.md §2).
/// </summary>
/// <remarks>
/// <see cref="Forward"/> takes natural-order coefficients to evaluations in <b>bit-reversed</b> order — position
/// <c>i</c> holds <c>f(ω_n^{bitrev(i)})</c>, the storage order of committed vectors (§1.2).
/// <see cref="Inverse"/> takes bit-reversed evaluations back to natural-order coefficients.
/// Both work in place; sizes are powers of two.
/// </remarks>
[SkipLocalsInit]
public static class Fft
{
    /// <summary>Coefficients (natural order) → evaluations on <c>⟨ω_n⟩</c> (bit-reversed order), in place.</summary>
    public static void Forward(Span<Felt> values)
    {
        int n = values.Length;
        int logN = TwiddleTable.Log2Exact(n, nameof(values));
        if (n == 1) return;
        var tw = TwiddleTable.ForLogSize(logN).Forward;
        if (n >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            unsafe
            {
                fixed (Felt* pa = values)
                fixed (Felt* pw = tw)
                {
                    ParallelStages(pa, pw, n, inverse: false);
                }
            }
            return;
        }
        ref Felt a = ref MemoryMarshal.GetReference(values);
        ref Felt w = ref MemoryMarshal.GetArrayDataReference(tw);
        // Stage with m blocks of 2·len: (x, y) → (x + W[b]·y, x − W[b]·y).
        for (int m = 1, len = n >> 1; len >= 1; m <<= 1, len >>= 1)
        {
            // Block 0 has twiddle 1.
            for (int j = 0; j < len; j++)
            {
                Felt x = Unsafe.Add(ref a, j);
                Felt y = Unsafe.Add(ref a, j + len);
                Unsafe.Add(ref a, j) = x + y;
                Unsafe.Add(ref a, j + len) = x - y;
            }
            for (int b = 1; b < m; b++)
            {
                Felt z = Unsafe.Add(ref w, b);
                int start = b * 2 * len;
                for (int j = start; j < start + len; j++)
                {
                    Felt x = Unsafe.Add(ref a, j);
                    Felt y = Unsafe.Add(ref a, j + len) * z;
                    Unsafe.Add(ref a, j) = x + y;
                    Unsafe.Add(ref a, j + len) = x - y;
                }
            }
        }
    }

    /// <summary>
    /// Like <see cref="Forward"/>, but only the outputs at <paramref name="sortedOutputs"/> (sorted ascending, in
    /// bit-reversed output order) are guaranteed: each stage runs only the butterfly blocks that still feed a wanted
    /// output, so K outputs of a size-n transform cost about <c>(n/2)·log2 K + n</c> butterflies instead of
    /// <c>(n/2)·log2 n</c>. Other positions are left with intermediate values.
    /// </summary>
    public static void ForwardPruned(Span<Felt> values, ReadOnlySpan<int> sortedOutputs)
    {
        int n = values.Length;
        int logN = TwiddleTable.Log2Exact(n, nameof(values));
        if (n == 1 || sortedOutputs.IsEmpty) return;
        var tw = TwiddleTable.ForLogSize(logN).Forward;
        ref Felt a = ref MemoryMarshal.GetReference(values);
        ref Felt w = ref MemoryMarshal.GetArrayDataReference(tw);
        for (int logBlock = logN, len = n >> 1; len >= 1; logBlock--, len >>= 1)
        {
            int previous = -1;
            foreach (int o in sortedOutputs)
            {
                int b = o >> logBlock;
                if (b == previous) continue;
                previous = b;
                Felt z = Unsafe.Add(ref w, b);
                int start = b * 2 * len;
                if (b == 0)
                {
                    for (int j = start; j < start + len; j++)
                    {
                        Felt x = Unsafe.Add(ref a, j);
                        Felt y = Unsafe.Add(ref a, j + len);
                        Unsafe.Add(ref a, j) = x + y;
                        Unsafe.Add(ref a, j + len) = x - y;
                    }
                }
                else
                {
                    for (int j = start; j < start + len; j++)
                    {
                        Felt x = Unsafe.Add(ref a, j);
                        Felt y = Unsafe.Add(ref a, j + len) * z;
                        Unsafe.Add(ref a, j) = x + y;
                        Unsafe.Add(ref a, j + len) = x - y;
                    }
                }
            }
        }
    }

    /// <summary>Evaluations on <c>⟨ω_n⟩</c> (bit-reversed order) → coefficients (natural order), in place.</summary>
    public static void Inverse(Span<Felt> values)
    {
        int n = values.Length;
        int logN = TwiddleTable.Log2Exact(n, nameof(values));
        if (n == 1) return;
        var tw = TwiddleTable.ForLogSize(logN).Inverse;
        if (n >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            unsafe
            {
                fixed (Felt* pa = values)
                fixed (Felt* pw = tw)
                {
                    ParallelStages(pa, pw, n, inverse: true);
                }
            }
        }
        else
        {
            InverseSerial(values, tw);
        }
        Felt nInv = Felt.FromUInt64((ulong)n).Inverse();
        ref Felt a = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < n; i++) Unsafe.Add(ref a, i) *= nInv;
    }

    private static void InverseSerial(Span<Felt> values, Felt[] tw)
    {
        int n = values.Length;
        ref Felt a = ref MemoryMarshal.GetReference(values);
        ref Felt w = ref MemoryMarshal.GetArrayDataReference(tw);
        // Undo the forward stages in reverse: (u, v) → (u + v, (u − v)·W[b]⁻¹) doubles both inputs.
        for (int m = n >> 1, len = 1; m >= 1; m >>= 1, len <<= 1)
        {
            for (int j = 0; j < len; j++)
            {
                Felt u = Unsafe.Add(ref a, j);
                Felt v = Unsafe.Add(ref a, j + len);
                Unsafe.Add(ref a, j) = u + v;
                Unsafe.Add(ref a, j + len) = u - v;
            }
            for (int b = 1; b < m; b++)
            {
                Felt z = Unsafe.Add(ref w, b);
                int start = b * 2 * len;
                for (int j = start; j < start + len; j++)
                {
                    Felt u = Unsafe.Add(ref a, j);
                    Felt v = Unsafe.Add(ref a, j + len);
                    Unsafe.Add(ref a, j) = u + v;
                    Unsafe.Add(ref a, j + len) = (u - v) * z;
                }
            }
        }
    }

    /// <summary>Transforms at least this long split every stage's butterflies across threads.</summary>
    internal static int ParallelThreshold { get; set; } = 1 << 15;

    private const int ButterfliesPerTask = 1 << 12;

    /// <summary>log2 of the block that is transformed by one thread through all its small stages (256 KiB).</summary>
    private const int LogCacheBlock = 13;

    /// <summary>
    /// Runs the stages in two parts: the large-stride stages with each stage's n/2 butterflies (flattened as
    /// k = b·len + j) split into contiguous ranges processed in parallel, one stage after another; and the stages that
    /// stay inside aligned blocks of <c>2^LogCacheBlock</c> elements, which each thread runs to the end on its block
    /// while it sits in cache (forward: large strides first; inverse: small strides first).
    /// </summary>
    private static unsafe void ParallelStages(Felt* a, Felt* w, int n, bool inverse)
    {
        // Invariant: a and w point into arrays pinned by the caller for the whole call; every range writes only
        // the butterflies it owns, so ranges never touch the same element within a stage, and blocks are disjoint.
        nint pa = (nint)a, pw = (nint)w;
        int half = n >> 1;
        int tasks = (half + ButterfliesPerTask - 1) / ButterfliesPerTask;
        int logN = System.Numerics.BitOperations.Log2((uint)n);
        int logBlock = Math.Min(LogCacheBlock, logN);
        int blocks = n >> logBlock, blockHalf = 1 << (logBlock - 1);
        void WideStage(int logLen) => Parallel.For(0, tasks, task =>
        {
            int from = task * ButterfliesPerTask, to = Math.Min(half, from + ButterfliesPerTask);
            StageRange((Felt*)pa, (Felt*)pw, logLen, from, to, inverse);
        });
        void BlockStages() => Parallel.For(0, blocks, block =>
        {
            int from = block * blockHalf, to = from + blockHalf;
            if (inverse)
                for (int logLen = 0; logLen < logBlock; logLen++) StageRange((Felt*)pa, (Felt*)pw, logLen, from, to, true);
            else
                for (int logLen = logBlock - 1; logLen >= 0; logLen--) StageRange((Felt*)pa, (Felt*)pw, logLen, from, to, false);
        });
        if (inverse)
        {
            BlockStages();
            for (int logLen = logBlock; logLen < logN; logLen++) WideStage(logLen);
        }
        else
        {
            for (int logLen = logN - 1; logLen >= logBlock; logLen--) WideStage(logLen);
            BlockStages();
        }
    }

    private static unsafe void StageRange(Felt* a, Felt* w, int logLen, int from, int to, bool inverse)
    {
        int len = 1 << logLen;
        int mask = len - 1;
        int k = from;
        while (k < to)
        {
            int b = k >> logLen;
            int blockEnd = Math.Min(to, (b + 1) << logLen);
            Felt z = w[b];
            int start = b * 2 * len;
            for (; k < blockEnd; k++)
            {
                int j = start + (k & mask);
                Felt x = a[j];
                Felt y = a[j + len];
                if (inverse)
                {
                    a[j] = x + y;
                    a[j + len] = b == 0 ? x - y : (x - y) * z;
                }
                else
                {
                    if (b != 0) y *= z;
                    a[j] = x + y;
                    a[j + len] = x - y;
                }
            }
        }
    }

    /// <summary>
    /// Coefficients (natural order) → evaluations on the coset <c>offset·⟨ω_n⟩</c> (bit-reversed order), in place.
    /// </summary>
    public static void CosetForward(Span<Felt> values, Felt offset)
    {
        ScaleByPowers(values, offset);
        Forward(values);
    }

    /// <summary>Evaluations on <c>offset·⟨ω_n⟩</c> (bit-reversed order) → coefficients (natural order), in place.</summary>
    public static void CosetInverse(Span<Felt> values, Felt offset)
    {
        Inverse(values);
        ScaleByPowers(values, offset.Inverse());
    }

    /// <summary>values[i] *= c^i.</summary>
    public static void ScaleByPowers(Span<Felt> values, Felt c)
    {
        if (c.IsOne) return;
        Felt acc = Felt.One;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= acc;
            acc *= c;
        }
    }
}
