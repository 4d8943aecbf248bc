using Cairn.Stark.Fri;
using Cairn.Stark.Hashing;

namespace Cairn.Stark.Proving;

/// <summary>
/// Proof parameters (spec stark-prover.md §5.1, §8): the FRI parameters (blowup, step list, last layer, queries,
/// proof of work) and the commitment hash. The FRI degree bound must equal the trace length.
/// </summary>
public sealed class StarkParameters
{
    public StarkParameters(FriParameters fri, ICommitmentHasher? hasher = null)
    {
        Fri = fri;
        Hasher = hasher ?? KeccakCommitmentHasher.Masked160;
    }

    public FriParameters Fri { get; }

    public ICommitmentHasher Hasher { get; }

    public int LogBlowup => Fri.LogBlowup;

    /// <summary>Parameters for a trace of <c>2^logTraceLength</c> rows with the step-list recipe of §8.4.</summary>
    public static StarkParameters Create(int logTraceLength, int logBlowup, int queries, int proofOfWorkBits, int logLastLayerDegreeBound = 6, ICommitmentHasher? hasher = null)
    {
        int logL = Math.Min(logLastLayerDegreeBound, logTraceLength - 1);
        var steps = FriParameters.DefaultStepList(logTraceLength, logL);
        int sum = 0;
        for (int i = 1; i < steps.Length; i++) sum += steps[i];
        return new StarkParameters(new FriParameters(logBlowup, steps, logTraceLength - sum, queries, proofOfWorkBits), hasher);
    }
}
