using Cairn.Primitives;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Fri;

/// <summary>
/// The FRI fold (spec stark-prover.md §5.7): <c>f'(y²) = f(y) + f(−y) + r·(f(y) − f(−y))·y⁻¹</c> over the
/// <b>unshifted</b> domain, with layers stored in bit-reversed order (pairs are adjacent positions 2m, 2m+1, and
/// <c>y_{2m} = ω_n^{bitrev(2m, log n)}</c>). Inside a multi-step fold the challenge is squared after each fold.
/// </summary>
public static class FriFolding
{
    /// <summary>One binary fold of a whole layer (prover side).</summary>
    public static Felt[] FoldLayer(ReadOnlySpan<Felt> layer, Felt challenge)
    {
        int n = layer.Length;
        int logN = TwiddleTable.Log2Exact(n, nameof(layer));
        if (n < 2) throw new ArgumentException("cannot fold a layer of one value", nameof(layer));
        // y_{2m}⁻¹ = ω_n^{−bitrev(m, log n − 1)}: the inverse twiddle table entry m.
        var inverseTwiddles = TwiddleTable.ForLogSize(logN).Inverse;
        var result = new Felt[n / 2];
        for (int m = 0; m < result.Length; m++)
        {
            Felt a = layer[2 * m], b = layer[2 * m + 1];
            result[m] = a + b + challenge * (a - b) * inverseTwiddles[m];
        }
        return result;
    }

    /// <summary>
    /// Folds a whole layer <paramref name="steps"/> times with <c>r, r², r⁴, …</c>, coset by coset (each output is
    /// the fold of <c>2^steps</c> adjacent values), in parallel and without intermediate layers.
    /// </summary>
    public static Felt[] FoldLayer(Felt[] layer, Felt challenge, int steps)
    {
        int n = layer.Length;
        int logN = TwiddleTable.Log2Exact(n, nameof(layer));
        if (steps < 0 || steps > logN || steps > 10) throw new ArgumentOutOfRangeException(nameof(steps));
        if (steps == 0) return (Felt[])layer.Clone();
        // The first n'/2 entries of the size-n table are the inverse twiddles of every smaller size n'.
        var inverseTwiddles = TwiddleTable.ForLogSize(logN).Inverse;
        var challenges = new Felt[steps];
        for (int s = 0; s < steps; s++)
        {
            challenges[s] = challenge;
            challenge = challenge.Square();
        }
        int size = 1 << steps;
        var result = new Felt[n >> steps];
        const int PerTask = 1 << 12;
        int tasks = (result.Length + PerTask - 1) / PerTask;
        Parallel.For(0, tasks, task =>
        {
            Span<Felt> values = stackalloc Felt[size];
            int end = Math.Min(result.Length, (task + 1) * PerTask);
            for (int m = task * PerTask; m < end; m++)
            {
                layer.AsSpan(m << steps, size).CopyTo(values);
                int count = size;
                for (int s = 0; s < steps; s++)
                {
                    int half = count >> 1;
                    int next = (m << steps) >> (s + 1); // position of values[0]'s fold in the next layer
                    Felt r = challenges[s];
                    for (int k = 0; k < half; k++)
                    {
                        Felt a = values[2 * k], b = values[2 * k + 1];
                        values[k] = a + b + r * (a - b) * inverseTwiddles[next + k];
                    }
                    count = half;
                }
                result[m] = values[0];
            }
        });
        return result;
    }

    /// <summary>Folds a whole layer <paramref name="steps"/> times with <c>r, r², r⁴, …</c>.</summary>
    public static Felt[] FoldLayer(ReadOnlySpan<Felt> layer, Felt challenge, int steps)
    {
        var current = layer.ToArray();
        for (int s = 0; s < steps; s++)
        {
            current = FoldLayer(current, challenge);
            challenge = challenge.Square();
        }
        return current;
    }

    /// <summary>
    /// Folds one coset (verifier side): <paramref name="coset"/> holds the values at positions
    /// <c>index·2^s … index·2^s + 2^s − 1</c> of a layer of size <c>2^logLayerSize</c>. Returns the value at position
    /// <paramref name="index"/> of the layer <paramref name="steps"/> folds further.
    /// </summary>
    public static Felt FoldCoset(ReadOnlySpan<Felt> coset, int index, int logLayerSize, Felt challenge, int steps)
    {
        int size = 1 << steps;
        if (coset.Length != size) throw new ArgumentException("coset size does not match the step", nameof(coset));
        Span<Felt> values = stackalloc Felt[size];
        coset.CopyTo(values);
        int baseIndex = index << steps;
        int logN = logLayerSize;
        for (int s = 0; s < steps; s++)
        {
            int half = values.Length / 2;
            int first = baseIndex >> s; // position of values[0] in the current layer
            Felt inverseRoot = RootsOfUnity.PrimitiveInverse(logN);
            for (int m = 0; m < half; m++)
            {
                int pair = (first >> 1) + m; // position of the folded value in the next layer
                Felt yInverse = inverseRoot.Pow((ulong)BitReversal.Reverse(pair, logN - 1));
                Felt a = values[2 * m], b = values[2 * m + 1];
                values[m] = a + b + challenge * (a - b) * yInverse;
            }
            values = values[..half];
            challenge = challenge.Square();
            logN--;
        }
        return values[0];
    }
}
