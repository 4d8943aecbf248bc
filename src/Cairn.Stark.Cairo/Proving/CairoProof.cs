using System.Text;
using Cairn.Stark.Cairo.Input;

namespace Cairn.Stark.Cairo.Proving;

/// <summary>
/// A Cairo proof file: the parameters (blowup, queries, PoW, last-layer bound), the public input (the
/// <c>air_public_input.json</c> text) and the STARK proof bytes (spec stark-prover.md §5.10 order). Binary:
/// magic <c>CAIRNPRF</c>, version byte, log2 blowup, queries, PoW bits, log2 last-layer bound (one byte each), then the
/// length-prefixed (int32 little-endian) public input and proof.
/// </summary>
public sealed class CairoProof
{
    private static readonly byte[] Magic = "CAIRNPRF"u8.ToArray();
    private const byte Version = 1;

    public CairoProof(SecurityProfile profile, CairoPublicInput publicInput, byte[] starkProof)
    {
        Profile = profile;
        PublicInput = publicInput;
        StarkProof = starkProof;
    }

    /// <summary>The parameters the proof was made with (only the numbers are stored; the name is recovered from them).</summary>
    public SecurityProfile Profile { get; }

    public CairoPublicInput PublicInput { get; }

    public byte[] StarkProof { get; }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write((byte)Profile.LogBlowup);
            w.Write((byte)Profile.Queries);
            w.Write((byte)Profile.ProofOfWorkBits);
            w.Write((byte)Profile.LogLastLayerDegreeBound);
            var json = Encoding.UTF8.GetBytes(PublicInput.Air.ToJson());
            w.Write(json.Length);
            w.Write(json);
            w.Write(StarkProof.Length);
            w.Write(StarkProof);
        }
        return ms.ToArray();
    }

    /// <summary>Parses a proof file; throws <see cref="FormatException"/> on anything malformed.</summary>
    public static CairoProof FromBytes(byte[] bytes)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new FormatException("not a Cairn proof (bad magic)");
            if (r.ReadByte() != Version) throw new FormatException("unsupported proof version");
            var profile = SecurityProfile.Named(r.ReadByte(), r.ReadByte(), r.ReadByte(), r.ReadByte());
            int jsonLength = r.ReadInt32();
            if (jsonLength < 0 || jsonLength > bytes.Length) throw new FormatException("bad public input length");
            var json = Encoding.UTF8.GetString(r.ReadBytes(jsonLength));
            int proofLength = r.ReadInt32();
            if (proofLength < 0 || proofLength > bytes.Length) throw new FormatException("bad proof length");
            var proof = r.ReadBytes(proofLength);
            if (proof.Length != proofLength) throw new FormatException("truncated proof");
            if (r.BaseStream.Position != bytes.Length) throw new FormatException("trailing bytes after the proof");
            return new CairoProof(profile, new CairoPublicInput(PublicInputJson.Parse(json)), proof);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or CairoProverException or DecoderFallbackException)
        {
            throw new FormatException($"malformed proof file: {e.Message}", e);
        }
    }
}
