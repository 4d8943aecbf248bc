using Cairn.Primitives;
using Cairn.Stark.Channel;
using Cairn.Stark.Hashing;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Fri;

/// <summary>
/// The FRI verifier (spec stark-prover.md §5.11 steps 5, 6, 9, 10; L1 <c>FriLayer.sol</c>): reads the layer roots
/// and last layer, checks the proof of work, draws the queries, obtains the first-layer values from the caller,
/// then per committed layer gathers the cosets, checks their Merkle paths and folds them down to the last layer.
/// Failures raise <see cref="InvalidProofException"/>.
/// </summary>
public sealed class FriVerifier
{
    private readonly FriParameters _parameters;
    private readonly ICommitmentHasher _hasher;

    public FriVerifier(FriParameters parameters, ICommitmentHasher hasher)
    {
        _parameters = parameters;
        _hasher = hasher;
    }

    /// <summary>
    /// Runs the FRI verifier on <paramref name="channel"/>. <paramref name="firstLayerValues"/> receives the sorted
    /// unique layer-0 positions (<see cref="FriProver.FirstLayerPositions"/>) and returns the (authenticated) layer-0
    /// values at them, in the same order.
    /// </summary>
    public void Verify(VerifierChannel channel, Func<int[], Felt[]> firstLayerValues)
    {
        var p = _parameters;
        int k = p.FoldingSteps;
        var roots = new byte[k][];
        var challenges = new Felt[k + 1];
        if (p.Steps[0] > 0) challenges[0] = channel.DrawFelt();
        roots[0] = channel.ReceiveCommitment();
        Felt[] lastLayer = [];
        for (int i = 1; i <= k; i++)
        {
            challenges[i] = channel.DrawFelt();
            if (i < k) roots[i] = channel.ReceiveCommitment();
            else lastLayer = channel.ReceiveFelts(p.LastLayerDegreeBound);
        }

        channel.VerifyProofOfWork(p.ProofOfWorkBits);
        var queries = FriProver.DrawQueries(channel.Transcript, p);
        var firstPositions = FriProver.FirstLayerPositions(queries, p.Steps[0]);
        var known = firstLayerValues(firstPositions);
        if (known.Length != firstPositions.Length) throw new InvalidProofException("first layer returned the wrong number of values");
        var positions = queries;
        if (p.Steps[0] > 0)
        {
            // Fold the virtual layer-0 cosets down to the first committed layer.
            int size = 1 << p.Steps[0];
            var folded = new Felt[positions.Length];
            for (int c = 0; c < positions.Length; c++)
                folded[c] = FriFolding.FoldCoset(known.AsSpan(c * size, size), positions[c], p.LogFirstLayerSize, challenges[0], p.Steps[0]);
            known = folded;
        }
        for (int i = 1; i <= k; i++)
        {
            int step = p.Steps[i];
            int cosetSize = 1 << step;
            int logLayerSize = p.LogLayerSize(i);
            var cosets = FriProver.UniqueShifted(positions, step);
            int missingCount = cosets.Length * cosetSize - positions.Length;
            var missing = channel.ReadDecommitmentFelts(missingCount);
            var values = new Felt[cosets.Length * cosetSize];
            int q = 0, mi = 0;
            for (int c = 0; c < cosets.Length; c++)
            {
                for (int t = 0; t < cosetSize; t++)
                {
                    int pos = (cosets[c] << step) + t;
                    values[c * cosetSize + t] = q < positions.Length && positions[q] == pos ? known[q++] : missing[mi++];
                }
            }
            var leaves = new byte[cosets.Length * 32];
            for (int c = 0; c < cosets.Length; c++)
                MerkleTree.HashLeaf(_hasher, values.AsSpan(c * cosetSize, cosetSize), leaves.AsSpan(c * 32, 32));
            if (!MerkleVerifier.Verify(_hasher, roots[i - 1], logLayerSize - step, cosets, leaves, channel.Remaining, out int consumed))
                throw new InvalidProofException($"FRI layer {i}: Merkle decommitment does not match the commitment");
            channel.Advance(consumed);

            var folded = new Felt[cosets.Length];
            for (int c = 0; c < cosets.Length; c++)
                folded[c] = FriFolding.FoldCoset(values.AsSpan(c * cosetSize, cosetSize), cosets[c], logLayerSize, challenges[i], step);
            positions = cosets;
            known = folded;
        }

        int logLast = p.LogLayerSize(k + 1);
        var root = RootsOfUnity.Primitive(logLast);
        for (int j = 0; j < positions.Length; j++)
        {
            Felt y = root.Pow((ulong)BitReversal.Reverse(positions[j], logLast));
            if (Polynomial.Evaluate(lastLayer, y) != known[j])
                throw new InvalidProofException("FRI last layer does not match the folded values");
        }
    }
}
