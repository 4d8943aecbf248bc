using System.Numerics;
using Cairn.Primitives;
using Cairn.Stark.Air;
using Cairn.Stark.Channel;
using Cairn.Stark.Fri;
using Cairn.Stark.Merkle;
using Cairn.Stark.Polynomials;

namespace Cairn.Stark.Proving;

/// <summary>
/// The STARK verifier (spec stark-prover.md §5.11): replays the channel from the public-input seed, checks the OODS
/// consistency <c>H(ζ) = Σ ζ^m H_m(ζ^d)</c>, then runs FRI with the first layer computed from the opened trace rows
/// through the DEEP formula.
/// </summary>
public sealed class StarkVerifier
{
    private readonly StarkParameters _parameters;

    public StarkVerifier(StarkParameters parameters) => _parameters = parameters;

    /// <summary>Verifies <paramref name="proof"/> for <paramref name="air"/> (which carries the public input).</summary>
    public bool Verify(IAir air, StarkProof proof, out string? error)
    {
        try
        {
            Run(air, proof.Bytes);
            error = null;
            return true;
        }
        catch (InvalidProofException e)
        {
            error = e.Message;
            return false;
        }
    }

    public bool Verify(IAir air, StarkProof proof) => Verify(air, proof, out _);

    private void Run(IAir air, byte[] proofBytes)
    {
        var p = _parameters;
        var composition = new CompositionEvaluator(air);
        int t = air.TraceLength;
        if (t < 2 || !BitOperations.IsPow2(t)) throw new InvalidProofException("the trace length must be a power of two ≥ 2");
        int logT = BitOperations.Log2((uint)t);
        if (p.Fri.LogDegreeBound != logT) throw new InvalidProofException("FRI parameters do not match the trace length");
        int d = air.ConstraintDegree;
        if (p.LogBlowup < BitOperations.Log2((uint)d)) throw new InvalidProofException("the blowup is below the constraint degree");
        var domain = new EvaluationDomain(logT, p.LogBlowup);
        var channel = new VerifierChannel(air.PublicInputSeed(), proofBytes);

        var mainRoot = channel.ReceiveCommitment();
        var challenges = new Felt[air.InteractionChallenges];
        for (int i = 0; i < challenges.Length; i++) challenges[i] = channel.DrawFelt();
        byte[]? interactionRoot = air.InteractionColumns > 0 ? channel.ReceiveCommitment() : null;
        Felt beta = channel.DrawFelt();
        var compositionRoot = channel.ReceiveCommitment();
        Felt zeta = channel.DrawFelt();
        // Pitfall 8: ζ must lie outside the trace domain and the evaluation domain.
        if (zeta.Pow((ulong)t).IsOne) throw new InvalidProofException("the OODS point lies in the trace domain");
        if ((zeta * RootsOfUnity.Generator.Inverse()).Pow((ulong)domain.Size).IsOne) throw new InvalidProofException("the OODS point lies in the evaluation domain");
        var mask = air.Mask;
        var maskValues = new Felt[mask.Count];
        for (int i = 0; i < maskValues.Length; i++) maskValues[i] = channel.ReceiveFelt();
        var compositionValues = new Felt[d];
        for (int m = 0; m < d; m++) compositionValues[m] = channel.ReceiveFelt();

        // OODS consistency.
        var betaPowers = CompositionEvaluator.Powers(beta, air.ConstraintDomains.Count);
        Felt expected = composition.EvaluateAt(zeta, maskValues, challenges, betaPowers);
        Felt zetaPow = zeta.Pow((ulong)d);
        Felt claimed = Felt.Zero;
        Felt zetaI = Felt.One;
        for (int m = 0; m < d; m++)
        {
            claimed += zetaI * compositionValues[m];
            zetaI *= zeta;
        }
        if (expected != claimed) throw new InvalidProofException("OODS consistency check failed");

        Felt gamma = channel.DrawFelt();
        var gammaPowers = CompositionEvaluator.Powers(gamma, mask.Count + d);
        Felt g = domain.TraceGenerator;
        var trees = new List<(byte[] Root, int Width)> { (mainRoot, air.MainColumns) };
        if (interactionRoot is not null) trees.Add((interactionRoot, air.InteractionColumns));
        trees.Add((compositionRoot, d));

        new FriVerifier(p.Fri, p.Hasher).Verify(channel, queries =>
        {
            // Open every tree at the queries.
            var rows = new Felt[trees.Count][];
            for (int k = 0; k < trees.Count; k++)
            {
                var (root, width) = trees[k];
                rows[k] = channel.ReadDecommitmentFelts(queries.Length * width);
                var leaves = new byte[queries.Length * 32];
                for (int q = 0; q < queries.Length; q++)
                    MerkleTree.HashLeaf(p.Hasher, rows[k].AsSpan(q * width, width), leaves.AsSpan(q * 32, 32));
                if (!MerkleVerifier.Verify(p.Hasher, root, domain.LogSize, queries, leaves, channel.Remaining, out int consumed))
                    throw new InvalidProofException("trace decommitment does not match its commitment");
                channel.Advance(consumed);
            }
            // DEEP composition at each query point x = 3·ω^{bitrev(q)}.
            var values = new Felt[queries.Length];
            int mainWidth = air.MainColumns;
            for (int q = 0; q < queries.Length; q++)
            {
                Felt x = domain.Point(queries[q]);
                Felt sum = Felt.Zero;
                for (int m = 0; m < mask.Count; m++)
                {
                    int column = mask[m].Column;
                    Felt value = column < mainWidth
                        ? rows[0][q * mainWidth + column]
                        : rows[1][q * air.InteractionColumns + column - mainWidth];
                    Felt denominator = x - zeta * StarkProver.Pow(g, mask[m].RowOffset, t);
                    if (denominator.IsZero) throw new InvalidProofException("a DEEP denominator vanishes");
                    sum += gammaPowers[m] * (value - maskValues[m]) * denominator.Inverse();
                }
                Felt zDen = x - zetaPow;
                if (zDen.IsZero) throw new InvalidProofException("a DEEP denominator vanishes");
                Felt zInv = zDen.Inverse();
                var compositionRow = rows[^1];
                for (int m = 0; m < d; m++)
                    sum += gammaPowers[mask.Count + m] * (compositionRow[q * d + m] - compositionValues[m]) * zInv;
                values[q] = sum;
            }
            return values;
        });
        if (!channel.AtEnd) throw new InvalidProofException("trailing bytes after the proof");
    }
}
