using Cairn.Cairo.Builtins;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>verify_ecdsa_signature (signature.cairo): registers (r, s) with the ecdsa builtin.</summary>
internal static class SignatureHints
{
    public const string VerifyEcdsaSignature = "ecdsa_builtin.add_signature(ids.ecdsa_ptr.address_, (ids.signature_r, ids.signature_s))";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(VerifyEcdsaSignature, static (c, ids) =>
        {
            if (c.FindBuiltin("ecdsa") is not EcdsaBuiltinRunner ecdsa) throw new HintException("ecdsa_builtin is not present in the program");
            ecdsa.AddSignature(ids.GetStructAddress(c, "ecdsa_ptr"), MathHints.FeltOf(c, ids, "signature_r"), MathHints.FeltOf(c, ids, "signature_s"));
        });
    }
}
