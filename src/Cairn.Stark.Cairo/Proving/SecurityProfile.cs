using Cairn.Stark.Proving;

namespace Cairn.Stark.Cairo.Proving;

/// <summary>
/// Named proof parameters (spec stark-prover.md §8.2): blowup, queries and proof-of-work bits; the FRI step list
/// follows the §8.4 recipe for the trace length. <c>test</c> is for unit tests only (far below 100 bits).
/// </summary>
public sealed record SecurityProfile(string Name, int LogBlowup, int Queries, int ProofOfWorkBits, int LogLastLayerDegreeBound = 6)
{
    /// <summary>B = 4, 41 queries, 20-bit PoW: 102 bits conjectured (the development default).</summary>
    public static SecurityProfile Dev { get; } = new("dev", 2, 41, 20);

    /// <summary>B = 8, 28 queries, 16-bit PoW: 100 bits.</summary>
    public static SecurityProfile Balanced { get; } = new("balanced", 3, 28, 16);

    /// <summary>B = 16, 19 queries, 24-bit PoW: 100 bits, the fewest queries (for L1 and recursion).</summary>
    public static SecurityProfile L1 { get; } = new("l1", 4, 19, 24);

    /// <summary>B = 4, 12 queries, no PoW: 24 bits, fast proofs for tests.</summary>
    public static SecurityProfile Test { get; } = new("test", 2, 12, 0, 3);

    public static IReadOnlyList<SecurityProfile> All { get; } = [Dev, Balanced, L1, Test];

    public static SecurityProfile? Find(string name)
    {
        foreach (var p in All)
            if (p.Name == name) return p;
        return null;
    }

    /// <summary>The known profile with these numbers, or a profile named <c>custom</c>.</summary>
    public static SecurityProfile Named(int logBlowup, int queries, int proofOfWorkBits, int logLastLayerDegreeBound)
    {
        var custom = new SecurityProfile("custom", logBlowup, queries, proofOfWorkBits, logLastLayerDegreeBound);
        foreach (var p in All)
            if (p with { Name = "custom" } == custom) return p;
        return custom;
    }

    /// <summary><c>q · log2 B + pow</c> (spec §8.1).</summary>
    public int ConjecturedSecurityBits => Queries * LogBlowup + ProofOfWorkBits;

    /// <summary>The STARK parameters for a trace of <c>2^logTraceLength</c> rows.</summary>
    public StarkParameters Parameters(int logTraceLength) =>
        StarkParameters.Create(logTraceLength, LogBlowup, Queries, ProofOfWorkBits, LogLastLayerDegreeBound);
}
