using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class KeccakBlakeHintTests
{
    private static BigInteger Be(ReadOnlySpan<byte> b) => new(b, isUnsigned: true, isBigEndian: true);

    [Fact]
    public void Unsafe_keccak_packs_big_endian_words()
    {
        // 20 bytes: a 16-byte word and a 4-byte word.
        var bytes = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var t = new HintTester();
        var data = t.Memory.AddSegment();
        t.Set(data, Be(bytes.AsSpan(0, 16)));
        t.Set(data.Add(1), Be(bytes.AsSpan(16, 4)));
        t.PointerRef("data", "felt*", -5, data).Felt("length", -4, 20).Felt("high", -3).Felt("low", -2);
        t.Run(KeccakHints.UnsafeKeccak);
        var expected = Cairn.Crypto.Hashing.Keccak256.Hash(bytes);
        Assert.Equal(Be(expected.AsSpan(0, 16)), t.IntAt(t.Fp.Add(-3)));
        Assert.Equal(Be(expected.AsSpan(16, 16)), t.IntAt(t.Fp.Add(-2)));

        t = new HintTester();
        data = t.Memory.AddSegment();
        t.Set(data, 256);
        t.PointerRef("data", "felt*", -5, data).Felt("length", -4, 1).Felt("high", -3).Felt("low", -2);
        Assert.Contains("Invalid word size", t.Fails(KeccakHints.UnsafeKeccak).Message);
    }

    [Fact]
    public void Unsafe_keccak_of_nothing_and_finalize()
    {
        var t = new HintTester();
        var data = t.Memory.AddSegment();
        t.PointerRef("data", "felt*", -5, data).Felt("length", -4, 0).Felt("high", -3).Felt("low", -2);
        t.Run(KeccakHints.UnsafeKeccak);
        Assert.Equal(BigInteger.Parse("0c5d2460186f7233c927e7db2dcc703c0", System.Globalization.NumberStyles.HexNumber), t.IntAt(t.Fp.Add(-3)));
        Assert.Equal(BigInteger.Parse("0e500b653ca82273b7bfad8045d85a470", System.Globalization.NumberStyles.HexNumber), t.IntAt(t.Fp.Add(-2)));

        t = new HintTester().Struct("m.KeccakState", ("start_ptr", "felt*", 0), ("end_ptr", "felt*", 1));
        var words = t.Memory.AddSegment();
        t.Set(words, 1);
        t.Set(words.Add(1), 2);
        t.StructRef("keccak_state", "m.KeccakState", -6).Felt("high", -3).Felt("low", -2);
        t.Set(t.Fp.Add(-6), words);
        t.Set(t.Fp.Add(-5), words.Add(2));
        t.Run(KeccakHints.UnsafeKeccakFinalize);
        var input = new byte[32];
        input[15] = 1;
        input[31] = 2;
        var expected = Cairn.Crypto.Hashing.Keccak256.Hash(input);
        Assert.Equal(Be(expected.AsSpan(0, 16)), t.IntAt(t.Fp.Add(-3)));
    }

    [Fact]
    public void Block_permutation_and_finalize()
    {
        var t = new HintTester().Const("KECCAK_STATE_SIZE_FELTS", 25).Const("BLOCK_SIZE", 3);
        var seg = t.Memory.AddSegment();
        for (int i = 0; i < 25; i++) t.Set(seg.Add(i), 0);
        t.PointerRef("keccak_ptr", "felt*", -3, seg.Add(25)).PointerRef("keccak_ptr_end", "felt*", -2);
        t.Run(KeccakHints.BlockPermutation);
        // Keccak-f[1600] of the zero state: first lane 0xF1258F7940E1DDE7.
        Assert.Equal(0xF1258F7940E1DDE7UL, t.FeltAt(seg.Add(25)).ToUInt64());
        var end = t.Memory.AddSegment();
        t.Set(t.Fp.Add(-2), end);
        t.Run(KeccakHints.CairoKeccakFinalizeV1);
        Assert.Equal(Felt.Zero, t.FeltAt(end.Add(50)));
        Assert.Equal(0xF1258F7940E1DDE7UL, t.FeltAt(end.Add(125)).ToUInt64());
        Assert.Equal(t.FeltAt(seg.Add(49)), t.FeltAt(end.Add(149)));
    }

    [Fact]
    public void Keccak_splitting_helpers()
    {
        var t = new HintTester().Felt("low", -4, (BigInteger.One << 70) + 5).Felt("high", -3, 9);
        var inputs = t.Memory.AddSegment();
        t.PointerRef("inputs", "felt*", -2, inputs);
        t.Run(KeccakHints.KeccakWriteArgs);
        Assert.Equal([5, 64, 9, 0], Enumerable.Range(0, 4).Select(i => (int)t.IntAt(inputs.Add(i))).ToArray());

        t = new HintTester().Felt("high3", -4).Felt("low3", -3);
        inputs = t.Memory.AddSegment();
        for (int i = 0; i < 4; i++) t.Set(inputs.Add(i), 0x1234 + i);
        t.PointerRef("inputs", "felt*", -2, inputs);
        t.Run(KeccakHints.SplitInput3);
        Assert.Equal(0x12, (int)t.IntAt(t.Fp.Add(-4)));
        Assert.Equal(0x37, (int)t.IntAt(t.Fp.Add(-3)));

        var v = (BigInteger.One << 200) + (BigInteger.One << 60) + 77;
        t = new HintTester().Felt("output1", -4, v).Felt("output1_low", -3).Felt("output1_mid", -2).Felt("output1_high", -1);
        t.Run(KeccakHints.SplitOutputMidLowHigh);
        Assert.Equal(v % (BigInteger.One << 56), t.IntAt(t.Fp.Add(-3)));
        Assert.Equal((v >> 56) % (BigInteger.One << 128), t.IntAt(t.Fp.Add(-2)));
        Assert.Equal(v >> 184, t.IntAt(t.Fp.Add(-1)));

        t = new HintTester().Felt("n_bytes", -3, 21).Felt("n_words_to_copy", -2).Felt("n_bytes_left", -1).Const("BYTES_IN_WORD", 8);
        t.Run(KeccakHints.SplitNBytes);
        Assert.Equal(2, (int)t.IntAt(t.Fp.Add(-2)));
        Assert.Equal(5, (int)t.IntAt(t.Fp.Add(-1)));
        t.Run(KeccakHints.CompareBytesInWordNondet);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Ap));
    }

    [Fact]
    public void Blake2s_compute_matches_the_abc_vector()
    {
        var t = new HintTester();
        var seg = t.Memory.AddSegment();
        uint[] iv = [0x6A09E667 ^ 0x01010020, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19];
        for (int i = 0; i < 8; i++) t.Set(seg.Add(i), iv[i]);
        var block = new byte[64];
        "abc"u8.CopyTo(block);
        for (int i = 0; i < 16; i++) t.Set(seg.Add(8 + i), BitConverter.ToUInt32(block, 4 * i));
        t.Set(seg.Add(24), 3);
        t.Set(seg.Add(25), 0xffffffff);
        t.PointerRef("output", "felt*", -3, seg.Add(26));
        t.Run(Blake2sHints.Blake2sCompute);
        var digest = new byte[32];
        for (int i = 0; i < 8; i++) BitConverter.GetBytes((uint)t.FeltAt(seg.Add(26 + i)).ToUInt64()).CopyTo(digest, 4 * i);
        Assert.Equal("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Blake2s_finalize_and_add_uint256()
    {
        var t = new HintTester().Const("N_PACKED_INSTANCES", 3).Const("INPUT_BLOCK_FELTS", 16).Const("BLAKE2S_INPUT_CHUNK_SIZE_FELTS", 16);
        var end = t.Memory.AddSegment();
        t.PointerRef("blake2s_ptr_end", "felt*", -3, end);
        t.Run(Blake2sHints.Blake2sFinalize);
        Assert.Equal((ulong)(0x6A09E667 ^ 0x01010020), t.FeltAt(end).ToUInt64());
        Assert.Equal(0xffffffffUL, t.FeltAt(end.Add(25)).ToUInt64());
        Assert.Equal(t.FeltAt(end.Add(26)), t.FeltAt(end.Add(34 + 26)));
        Assert.False(t.Memory.TryGet(end.Add(68), out _));

        var t3 = new HintTester().Const("N_PACKED_INSTANCES", 2).Const("BLAKE2S_INPUT_CHUNK_SIZE_FELTS", 16);
        var end3 = t3.Memory.AddSegment();
        t3.PointerRef("blake2s_ptr_end", "felt*", -3, end3);
        t3.Run(Blake2sHints.Blake2sFinalizeV3);
        Assert.Equal(Felt.Zero, t3.FeltAt(end3));
        Assert.Equal((ulong)(0x6A09E667 ^ 0x01010020), t3.FeltAt(end3.Add(16)).ToUInt64());
        Assert.Equal(t.FeltAt(end.Add(26)), t3.FeltAt(end3.Add(26)));

        var low = BigInteger.Parse("0102030405060708090a0b0c0d0e0f10", System.Globalization.NumberStyles.HexNumber);
        var u = new HintTester().Felt("low", -4, low).Felt("high", -3, 7);
        var data = u.Memory.AddSegment();
        u.PointerRef("data", "felt*", -2, data);
        u.Run(Blake2sHints.Blake2sAddUint256);
        Assert.Equal(0x0d0e0f10UL, u.FeltAt(data).ToUInt64());
        Assert.Equal(0x01020304UL, u.FeltAt(data.Add(3)).ToUInt64());
        Assert.Equal(7UL, u.FeltAt(data.Add(4)).ToUInt64());
        var b = new HintTester().Felt("low", -4, low).Felt("high", -3, 7);
        data = b.Memory.AddSegment();
        b.PointerRef("data", "felt*", -2, data);
        b.Run(Blake2sHints.Blake2sAddUint256Bigend);
        Assert.Equal(7UL, b.FeltAt(data.Add(3)).ToUInt64());
        Assert.Equal(0x01020304UL, b.FeltAt(data.Add(4)).ToUInt64());
    }

    [Fact]
    public void Misc_thresholds()
    {
        var t = new HintTester().Felt("n", -3, 10);
        t.Run(MiscHints.NondetNGreaterThan10);
        Assert.Equal(Felt.One, t.FeltAt(t.Ap));
        t = new HintTester().PointerRef("elements", "felt*", -3, new Relocatable(1, 5)).PointerRef("elements_end", "felt*", -2, new Relocatable(1, 6));
        t.Run(MiscHints.NondetElementsOverTwo);
        Assert.Equal(Felt.Zero, t.FeltAt(t.Ap));
        t = new HintTester().Felt("scalar", -3, 7);
        t.Run(MiscHints.EcMulInner);
        Assert.Equal(Felt.One, t.FeltAt(t.Ap));
    }
}
