using System.Buffers;
using System.Buffers.Binary;
using Cairn.Primitives;

namespace Cairn.Stark.Channel;

/// <summary>
/// The prover side of the non-interactive channel: every message sent is absorbed into the <see cref="Transcript"/>
/// and appended to the proof bytes; decommitment data written after the queries is appended without absorbing
/// (spec stark-prover.md §4, §5.10).
/// </summary>
public sealed class ProverChannel
{
    private readonly ArrayBufferWriter<byte> _proof = new();

    public ProverChannel(ReadOnlySpan<byte> seed) => Transcript = new Transcript(seed);

    /// <summary>The hash chain.</summary>
    public Transcript Transcript { get; }

    /// <summary>The proof bytes written so far.</summary>
    public ReadOnlySpan<byte> Proof => _proof.WrittenSpan;

    /// <summary>An optional human-readable log of every message (Stone's annotations), when enabled.</summary>
    public List<string>? Annotations { get; set; }

    /// <summary>Sends raw bytes (absorbed and written).</summary>
    public void SendBytes(ReadOnlySpan<byte> bytes, string? annotation = null)
    {
        Transcript.Absorb(bytes);
        _proof.Write(bytes);
        Annotations?.Add($"P->V: {annotation ?? "bytes"}: {Convert.ToHexStringLower(bytes)}");
    }

    /// <summary>Sends a 32-byte commitment (Merkle root).</summary>
    public void SendCommitment(ReadOnlySpan<byte> root32, string? annotation = null) =>
        SendBytes(root32[..32], annotation ?? "commitment");

    /// <summary>Sends one field element as <c>BE256(Mont(x))</c>.</summary>
    public void SendFelt(Felt x, string? annotation = null)
    {
        Span<byte> bytes = stackalloc byte[32];
        FeltEncoding.WriteMontgomery(x, bytes);
        SendBytes(bytes, annotation ?? "felt");
    }

    /// <summary>Sends several field elements in one absorb (used for the FRI last layer).</summary>
    public void SendFelts(ReadOnlySpan<Felt> values, string? annotation = null)
    {
        var bytes = new byte[values.Length * 32];
        FeltEncoding.WriteMontgomery(values, bytes);
        SendBytes(bytes, annotation ?? "felts");
    }

    /// <summary>Draws a verifier challenge.</summary>
    public Felt DrawFelt(string? annotation = null)
    {
        var x = Transcript.DrawFelt();
        Annotations?.Add($"V->P: {annotation ?? "felt"}: {x}");
        return x;
    }

    /// <summary>Draws an integer below <paramref name="bound"/>.</summary>
    public ulong DrawInteger(ulong bound, string? annotation = null)
    {
        var x = Transcript.DrawInteger(bound);
        Annotations?.Add($"V->P: {annotation ?? "integer"}: {x}");
        return x;
    }

    /// <summary>
    /// Grinds: finds the smallest valid nonce for the current digest, sends it (8 bytes, absorbed). Nothing is sent
    /// when <paramref name="bits"/> is 0.
    /// </summary>
    public ulong ApplyProofOfWork(int bits)
    {
        if (bits == 0) return 0;
        ulong nonce = ProofOfWork.FindNonce(Transcript.State, bits);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, nonce);
        SendBytes(bytes, "proof of work nonce");
        return nonce;
    }

    /// <summary>Appends decommitment data (not absorbed: the channel stops absorbing after the queries).</summary>
    public void WriteDecommitment(ReadOnlySpan<byte> bytes, string? annotation = null)
    {
        _proof.Write(bytes);
        Annotations?.Add($"P->V (decommitment): {annotation ?? "bytes"}: {bytes.Length} bytes");
    }

    /// <summary>Appends field elements as decommitment data (not absorbed).</summary>
    public void WriteDecommitmentFelts(ReadOnlySpan<Felt> values, string? annotation = null)
    {
        var bytes = new byte[values.Length * 32];
        FeltEncoding.WriteMontgomery(values, bytes);
        WriteDecommitment(bytes, annotation ?? "felts");
    }
}
