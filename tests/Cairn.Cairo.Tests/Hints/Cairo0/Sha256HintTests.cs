using Cairn.Cairo.Hints.Cairo0;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class Sha256HintTests
{
    [Fact]
    public void Main_constant_input_length_matches_sha256_of_abc()
    {
        Assert.Equal(0x6a09e667u, Sha256Hints.Iv[0]);
        var t = new HintTester().Const("SHA256_INPUT_CHUNK_SIZE_FELTS", 16);
        var input = t.Memory.AddSegment();
        var output = t.Memory.AddSegment();
        // "abc" padded to one block: 0x61626380, zeros, length 24 bits.
        for (int i = 0; i < 16; i++) t.Set(input.Add(i), i == 0 ? 0x61626380 : i == 15 ? 24 : 0);
        t.PointerRef("sha256_start", "felt*", -3, input).PointerRef("output", "felt*", -2, output);
        t.Run(Sha256Hints.Sha256MainConstantInputLength);
        var digest = new byte[32];
        for (int i = 0; i < 8; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4 * i), (uint)t.FeltAt(output.Add(i)).ToUInt64());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData("abc"u8), digest);
    }

    [Fact]
    public void Arbitrary_input_length_chains_and_finalize_pads()
    {
        // Two-block message: 64 bytes of 'a' then the padding block, chained through ids.state.
        var t = new HintTester().Const("SHA256_INPUT_CHUNK_SIZE_FELTS", 16).Const("SHA256_STATE_SIZE_FELTS", 8).Const("BLOCK_SIZE", 3);
        var block1 = t.Memory.AddSegment();
        var block2 = t.Memory.AddSegment();
        var state = t.Memory.AddSegment();
        var output = t.Memory.AddSegment();
        for (int i = 0; i < 16; i++)
        {
            t.Set(block1.Add(i), 0x61616161);
            t.Set(block2.Add(i), i == 0 ? 0x80000000 : i == 15 ? 512 : 0);
        }
        var mid = Sha256Hints.Compress(Sha256Hints.Iv, Enumerable.Repeat(0x61616161u, 16).ToArray());
        for (int i = 0; i < 8; i++) t.Set(state.Add(i), mid[i]);
        t.PointerRef("sha256_start", "felt*", -5, block2).PointerRef("state", "felt*", -4, state).PointerRef("output", "felt*", -3, output);
        t.Run(Sha256Hints.Sha256MainArbitraryInputLength);
        var digest = new byte[32];
        for (int i = 0; i < 8; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4 * i), (uint)t.FeltAt(output.Add(i)).ToUInt64());
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Enumerable.Repeat((byte)'a', 64).ToArray()), digest);

        var end = t.Memory.AddSegment();
        t.PointerRef("sha256_ptr_end", "felt*", -2, end);
        t.Run(Sha256Hints.Sha256Finalize);
        Assert.Equal(0x6a09e667UL, t.FeltAt(end.Add(16)).ToUInt64());
        Assert.Equal(t.FeltAt(end.Add(24)), t.FeltAt(end.Add(32 + 24)));
        Assert.False(t.Memory.TryGet(end.Add(64), out _));
    }
}
