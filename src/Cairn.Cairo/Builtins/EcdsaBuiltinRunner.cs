using Cairn.Cairo.Memory;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;

namespace Cairn.Cairo.Builtins;

/// <summary>
/// ecdsa: instances (public key x, message hash). Signatures (r, s) are registered out of band by
/// a hint through <see cref="AddSignature"/>; once both cells of an instance are written the
/// signature must exist and verify (cairo-vm.md §4.6).
/// </summary>
public sealed class EcdsaBuiltinRunner : BuiltinRunner, IMemoryValidator
{
    private readonly Dictionary<Relocatable, (Felt R, Felt S)> _signatures = [];

    public override string Name => "ecdsa";

    public override int CellsPerInstance => 2;

    /// <summary>The registered signatures by public-key cell address.</summary>
    public IReadOnlyDictionary<Relocatable, (Felt R, Felt S)> Signatures => _signatures;

    /// <summary>Registers the signature of the instance whose public-key cell is <paramref name="address"/>.</summary>
    public void AddSignature(Relocatable address, Felt r, Felt s)
    {
        if (address.Segment != Base.Segment || address.Offset % 2 != 0)
        {
            throw new MemoryException($"Signature hint must point to the public key cell, not {address}.");
        }
        _signatures[address] = (r, s);
    }

    public override void AddValidationRules(VmMemory memory) => memory.SetValidator(Base.Segment, this);

    /// <summary>
    /// cairo-lang's <c>signature.verify</c> with the public key given by x (both y tried):
    /// <c>1 ≤ s &lt; n</c>, <c>w = s⁻¹ mod n</c>, <c>1 ≤ r, w &lt; 2^251</c>, <c>msg &lt; 2^251</c>, and
    /// <c>r == x(w·(msg·G + r·Q))</c> exactly (no reduction mod n).
    /// </summary>
    public static bool Verify(Felt publicKeyX, Felt msg, Felt r, Felt s)
    {
        if (s.IsZero || s >= StarkCurve.Order) return false;
        Felt w = ScalarField.Inverse(s);
        if (r.IsZero || r >= Ecdsa.MaxValue || w.IsZero || w >= Ecdsa.MaxValue || msg >= Ecdsa.MaxValue) return false;
        if (!StarkCurve.TryRecoverY(publicKeyX, out var y)) return false;
        var zG = msg.IsZero ? ProjectivePoint.Infinity : StarkCurve.MultiplyGenerator(msg);
        return Check(new AffinePoint(publicKeyX, y)) || Check(new AffinePoint(publicKeyX, -y));

        bool Check(AffinePoint q)
        {
            var b = zG.Add(StarkCurve.Multiply(q, r));
            if (b.IsInfinity) return false;
            var x = StarkCurve.Multiply(b.ToAffine(), w);
            return !x.IsInfinity && x.ToAffine().X == r;
        }
    }

    /// <summary>Validation of a write (called before the cell is stored, so it is given as <paramref name="value"/>).</summary>
    public void Validate(VmMemory memory, Relocatable address, in MaybeRelocatable value)
    {
        bool isPubkey = address.Offset % 2 == 0;
        var pubkeyAddr = isPubkey ? address : address.Add(-1);
        var msgAddr = pubkeyAddr.Add(1);
        MaybeRelocatable pubkey, msg;
        if (isPubkey)
        {
            pubkey = value;
            if (!memory.TryGet(msgAddr, out msg)) return;
        }
        else
        {
            msg = value;
            if (!memory.TryGet(pubkeyAddr, out pubkey)) return;
        }
        if (!pubkey.IsFelt) throw new MemoryException($"ECDSA builtin: Expected public key at address {pubkeyAddr} to be an integer, found {pubkey}");
        if (!msg.IsFelt) throw new MemoryException($"ECDSA builtin: Expected message hash at address {msgAddr} to be an integer, found {msg}");
        if (!_signatures.TryGetValue(pubkeyAddr, out var sig))
        {
            throw new MemoryException($"Signature hint is missing for ECDSA builtin at address {pubkeyAddr}. Add it using 'ecdsa_builtin.add_signature'.");
        }
        if (!Verify(pubkey.FeltUnchecked, msg.FeltUnchecked, sig.R, sig.S))
        {
            throw new MemoryException(
                $"Signature {sig.R.ToDecimalString()}, {sig.S.ToDecimalString()}, is invalid, with respect to the public key {pubkey}, and the message hash {msg}.");
        }
    }
}
