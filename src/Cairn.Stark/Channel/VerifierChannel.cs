using System.Buffers.Binary;
using Cairn.Primitives;

namespace Cairn.Stark.Channel;

/// <summary>
/// The verifier side of the channel: reads the proof bytes in order, absorbing exactly what the prover absorbed.
/// Malformed input raises <see cref="InvalidProofException"/>.
/// </summary>
public sealed class VerifierChannel
{
    private readonly byte[] _proof;
    private int _position;

    public VerifierChannel(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> proof)
    {
        Transcript = new Transcript(seed);
        _proof = proof.ToArray();
    }

    public Transcript Transcript { get; }

    /// <summary>Bytes read so far.</summary>
    public int Position => _position;

    /// <summary>Whether every proof byte was consumed.</summary>
    public bool AtEnd => _position == _proof.Length;

    /// <summary>The unread remainder of the proof.</summary>
    public ReadOnlySpan<byte> Remaining => _proof.AsSpan(_position);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _proof.Length - _position < count) throw new InvalidProofException("proof is truncated");
        var span = _proof.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Receives raw prover bytes (absorbed).</summary>
    public byte[] ReceiveBytes(int count)
    {
        var bytes = Take(count).ToArray();
        Transcript.Absorb(bytes);
        return bytes;
    }

    /// <summary>Receives a 32-byte commitment.</summary>
    public byte[] ReceiveCommitment() => ReceiveBytes(32);

    /// <summary>Receives one field element (must be canonical).</summary>
    public Felt ReceiveFelt()
    {
        var bytes = Take(32);
        var x = Decode(bytes);
        Transcript.Absorb(bytes);
        return x;
    }

    /// <summary>Receives <paramref name="count"/> field elements sent in one absorb.</summary>
    public Felt[] ReceiveFelts(int count)
    {
        var bytes = Take(checked(count * 32));
        var values = DecodeAll(bytes);
        Transcript.Absorb(bytes);
        return values;
    }

    public Felt DrawFelt() => Transcript.DrawFelt();

    public ulong DrawInteger(ulong bound) => Transcript.DrawInteger(bound);

    /// <summary>Reads and checks the proof-of-work nonce, then absorbs it (nothing when <paramref name="bits"/> is 0).</summary>
    public void VerifyProofOfWork(int bits)
    {
        if (bits == 0) return;
        var bytes = Take(8);
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        if (!ProofOfWork.Verify(Transcript.State, bits, nonce)) throw new InvalidProofException("proof of work is invalid");
        Transcript.Absorb(bytes);
    }

    /// <summary>Reads decommitment bytes (not absorbed).</summary>
    public ReadOnlySpan<byte> ReadDecommitment(int count) => Take(count);

    /// <summary>Reads field elements from the decommitment (not absorbed; must be canonical).</summary>
    public Felt[] ReadDecommitmentFelts(int count) => DecodeAll(Take(checked(count * 32)));

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Remaining"/> as read (after a Merkle check consumed them).</summary>
    public void Advance(int count) => Take(count);

    private static Felt Decode(ReadOnlySpan<byte> bytes)
    {
        if (!FeltEncoding.TryReadMontgomery(bytes, out var x)) throw new InvalidProofException("non-canonical field element");
        return x;
    }

    private static Felt[] DecodeAll(ReadOnlySpan<byte> bytes)
    {
        var values = new Felt[bytes.Length / 32];
        for (int i = 0; i < values.Length; i++) values[i] = Decode(bytes.Slice(i * 32, 32));
        return values;
    }
}
