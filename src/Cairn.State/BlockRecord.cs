using System.Buffers.Binary;
using Cairn.Primitives;
using Cairn.Trie;

namespace Cairn.State;

/// <summary>
/// What a block left behind: the trie roots after it and the addresses and classes it wrote records for (so a
/// revert knows what to delete).
/// </summary>
internal sealed record BlockRecord(
    TrieRoot ContractsRoot,
    TrieRoot ClassesRoot,
    Felt GlobalRoot,
    IReadOnlyList<Felt> Addresses,
    IReadOnlyList<Felt> Classes)
{
    public byte[] Encode()
    {
        var value = new byte[(2 * TrieRoot.EncodedLength) + 32 + 8 + (32 * (Addresses.Count + Classes.Count))];
        var span = value.AsSpan();
        ContractsRoot.WriteTo(span);
        ClassesRoot.WriteTo(span[40..]);
        GlobalRoot.WriteBytesBE(span.Slice(80, 32));
        BinaryPrimitives.WriteInt32BigEndian(span[112..], Addresses.Count);
        BinaryPrimitives.WriteInt32BigEndian(span[116..], Classes.Count);
        var offset = 120;
        foreach (var felt in Addresses.Concat(Classes))
        {
            felt.WriteBytesBE(span.Slice(offset, 32));
            offset += 32;
        }

        return value;
    }

    public static BlockRecord Decode(ReadOnlySpan<byte> value)
    {
        var addressCount = BinaryPrimitives.ReadInt32BigEndian(value[112..]);
        var classCount = BinaryPrimitives.ReadInt32BigEndian(value[116..]);
        var addresses = new Felt[addressCount];
        var classes = new Felt[classCount];
        var offset = 120;
        for (var i = 0; i < addressCount; i++, offset += 32)
        {
            addresses[i] = Felt.FromBytesBE(value.Slice(offset, 32));
        }

        for (var i = 0; i < classCount; i++, offset += 32)
        {
            classes[i] = Felt.FromBytesBE(value.Slice(offset, 32));
        }

        return new BlockRecord(
            TrieRoot.ReadFrom(value),
            TrieRoot.ReadFrom(value[40..]),
            Felt.FromBytesBE(value.Slice(80, 32)),
            addresses,
            classes);
    }

    public StateRoots Roots => new(ContractsRoot.Hash, ClassesRoot.Hash, GlobalRoot);
}
