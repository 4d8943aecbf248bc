using Cairn.Primitives;

namespace Cairn.Crypto.Signatures;

/// <summary>A Stark-curve ECDSA signature (r, s).</summary>
public readonly record struct EcdsaSignature(Felt R, Felt S)
{
    public override string ToString() => $"{R} {S}";
}
