namespace Cairn.Stark.Fri;

/// <summary>
/// FRI parameters, Stone flavour (spec stark-prover.md §5.1, §5.7, §8.3–8.4): the step list
/// <c>[0, s_1, …, s_k]</c>, the last-layer degree bound <c>L</c>, the blowup, the number of queries and the
/// proof-of-work bits. The first layer has <c>N = B · L · 2^{Σ s_i}</c> values.
/// </summary>
public sealed class FriParameters
{
    /// <param name="allowNonZeroFirstStep">
    /// Stone also accepts a first step above 0 (layer 0 is then folded straight from the trace openings, as in
    /// lambdaworks' Stone-compatible proofs); the L1 contracts and Cairn's defaults require 0.
    /// </param>
    public FriParameters(int logBlowup, IReadOnlyList<int> stepList, int logLastLayerDegreeBound, int numberOfQueries, int proofOfWorkBits,
        bool allowNonZeroFirstStep = false)
    {
        if (logBlowup < 1 || logBlowup > 16) throw new ArgumentOutOfRangeException(nameof(logBlowup), "log2 blowup must be in [1, 16]");
        if (stepList.Count < 2) throw new ArgumentException("the FRI step list needs the leading 0 and at least one more step", nameof(stepList));
        if (stepList[0] != 0 && !allowNonZeroFirstStep) throw new ArgumentException("the first FRI step must be 0 (Stone flavour)", nameof(stepList));
        if (stepList[0] < 0 || stepList[0] > 4) throw new ArgumentException("the first FRI step must be in [0, 4]", nameof(stepList));
        int sum = stepList[0];
        for (int i = 1; i < stepList.Count; i++)
        {
            if (stepList[i] < 1 || stepList[i] > 4) throw new ArgumentException("FRI steps after the first must be in [1, 4]", nameof(stepList));
            sum += stepList[i];
        }
        if (logLastLayerDegreeBound < 0 || logLastLayerDegreeBound > 15)
            throw new ArgumentOutOfRangeException(nameof(logLastLayerDegreeBound), "log2 L must be in [0, 15]");
        if (numberOfQueries < 1 || numberOfQueries > 128) throw new ArgumentOutOfRangeException(nameof(numberOfQueries), "queries must be in [1, 128]");
        if (proofOfWorkBits < 0 || proofOfWorkBits > 50) throw new ArgumentOutOfRangeException(nameof(proofOfWorkBits), "proof-of-work bits must be in [0, 50]");
        LogBlowup = logBlowup;
        Steps = [.. stepList];
        LogLastLayerDegreeBound = logLastLayerDegreeBound;
        NumberOfQueries = numberOfQueries;
        ProofOfWorkBits = proofOfWorkBits;
        LogDegreeBound = logLastLayerDegreeBound + sum;
        LogFirstLayerSize = LogDegreeBound + logBlowup;
        if (LogFirstLayerSize > 30) throw new ArgumentException("the first FRI layer may have at most 2^30 values", nameof(stepList));
    }

    public int LogBlowup { get; }

    /// <summary>The step list, including the leading 0.</summary>
    public int[] Steps { get; }

    /// <summary>k: the number of folding steps (= number of committed layers).</summary>
    public int FoldingSteps => Steps.Length - 1;

    /// <summary>log2 L.</summary>
    public int LogLastLayerDegreeBound { get; }

    /// <summary>L, the number of last-layer coefficients.</summary>
    public int LastLayerDegreeBound => 1 << LogLastLayerDegreeBound;

    public int NumberOfQueries { get; }

    public int ProofOfWorkBits { get; }

    /// <summary>log2 of the degree bound of the first layer (log2 T for a STARK).</summary>
    public int LogDegreeBound { get; }

    /// <summary>log2 N, N the size of the first (virtual) layer.</summary>
    public int LogFirstLayerSize { get; }

    /// <summary>
    /// log2 of the size of committed layer <paramref name="layer"/> (1 … k: <c>N / 2^{s_0 + … + s_{layer−1}}</c>), or of
    /// the last layer for k + 1.
    /// </summary>
    public int LogLayerSize(int layer)
    {
        int log = LogFirstLayerSize;
        for (int i = 0; i < layer; i++) log -= Steps[i];
        return log;
    }

    /// <summary>Conjectured security bits: <c>q · log2 B + pow</c> (spec §8.1).</summary>
    public int ConjecturedSecurityBits => NumberOfQueries * LogBlowup + ProofOfWorkBits;

    /// <summary>
    /// The recipe of spec §8.4: steps of 4 with a remainder of 1–3, ending at a last layer of
    /// <paramref name="logLastLayerDegreeBound"/> (clamped to the degree bound).
    /// </summary>
    public static int[] DefaultStepList(int logDegreeBound, int logLastLayerDegreeBound)
    {
        int remaining = Math.Max(0, logDegreeBound - logLastLayerDegreeBound);
        var steps = new List<int> { 0 };
        while (remaining > 0)
        {
            int s = remaining >= 6 ? 4 : remaining == 5 ? 3 : Math.Min(remaining, 4);
            steps.Add(s);
            remaining -= s;
        }
        if (steps.Count == 1) steps.Add(1); // at least one fold; the caller lowers L by one
        return [.. steps];
    }
}
