using System.Numerics;
using Cairn.Stark.Cairo.Plain;
using Cairn.Stark.Proving;

namespace Cairn.Stark.Cairo.Proving;

/// <summary>
/// Verifies a <see cref="CairoProof"/>: the public input's own checks (layout, segments, rc bounds, public memory
/// capacity, builtin segments and output cells), the parameters' conjectured security against a floor, then the STARK
/// verifier with the layout's AIR (which recomputes the public-memory product from the public input).
/// </summary>
public static class CairoVerifier
{
    /// <summary>The default floor: 100 bits conjectured (spec §8.2).</summary>
    public const int DefaultMinimumSecurityBits = 100;

    public static bool Verify(CairoProof proof, int minimumSecurityBits, out string? error)
    {
        error = proof.PublicInput.Validate();
        if (error is not null) return false;
        var profile = proof.Profile;
        if (profile.ConjecturedSecurityBits < minimumSecurityBits)
        {
            error = $"the proof's parameters give {profile.ConjecturedSecurityBits} bits, below the required {minimumSecurityBits}";
            return false;
        }
        CpuAir air;
        StarkParameters parameters;
        try
        {
            air = CairoLayout.Get(proof.PublicInput.Layout).CreateAir(proof.PublicInput);
            parameters = profile.Parameters(BitOperations.Log2((uint)air.TraceLength));
        }
        catch (Exception e) when (e is ArgumentException or CairoProverException)
        {
            error = $"bad parameters: {e.Message}";
            return false;
        }
        return new StarkVerifier(parameters).Verify(air, new StarkProof(proof.StarkProof), out error);
    }

    public static bool Verify(CairoProof proof, int minimumSecurityBits = DefaultMinimumSecurityBits) => Verify(proof, minimumSecurityBits, out _);
}
