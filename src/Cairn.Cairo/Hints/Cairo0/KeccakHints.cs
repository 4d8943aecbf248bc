using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using static Cairn.Cairo.Hints.Cairo0.HintMath;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// Keccak helpers (keccak.cairo, cairo_keccak/keccak.cairo, builtin_keccak/keccak.cairo;
/// cairo-vm.md §7.3).
/// </summary>
internal static class KeccakHints
{
    public const string UnsafeKeccak = "from eth_hash.auto import keccak\n\ndata, length = ids.data, ids.length\n\nif '__keccak_max_size' in globals():\n    assert length <= __keccak_max_size, \\\n        f'unsafe_keccak() can only be used with length<={__keccak_max_size}. ' \\\n        f'Got: length={length}.'\n\nkeccak_input = bytearray()\nfor word_i, byte_i in enumerate(range(0, length, 16)):\n    word = memory[data + word_i]\n    n_bytes = min(16, length - byte_i)\n    assert 0 <= word < 2 ** (8 * n_bytes)\n    keccak_input += word.to_bytes(n_bytes, 'big')\n\nhashed = keccak(keccak_input)\nids.high = int.from_bytes(hashed[:16], 'big')\nids.low = int.from_bytes(hashed[16:32], 'big')";
    public const string UnsafeKeccakFinalize = "from eth_hash.auto import keccak\nkeccak_input = bytearray()\nn_elms = ids.keccak_state.end_ptr - ids.keccak_state.start_ptr\nfor word in memory.get_range(ids.keccak_state.start_ptr, n_elms):\n    keccak_input += word.to_bytes(16, 'big')\nhashed = keccak(keccak_input)\nids.high = int.from_bytes(hashed[:16], 'big')\nids.low = int.from_bytes(hashed[16:32], 'big')";
    public const string KeccakWriteArgs = "segments.write_arg(ids.inputs, [ids.low % 2 ** 64, ids.low // 2 ** 64])\nsegments.write_arg(ids.inputs + 2, [ids.high % 2 ** 64, ids.high // 2 ** 64])";
    public const string CompareBytesInWordNondet = "memory[ap] = to_felt_or_relocatable(ids.n_bytes < ids.BYTES_IN_WORD)";
    public const string CompareKeccakFullRateInBytesNondet = "memory[ap] = to_felt_or_relocatable(ids.n_bytes >= ids.KECCAK_FULL_RATE_IN_BYTES)";
    public const string BlockPermutation = "from starkware.cairo.common.keccak_utils.keccak_utils import keccak_func\n_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\nassert 0 <= _keccak_state_size_felts < 100\n\noutput_values = keccak_func(memory.get_range(\n    ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))\nsegments.write_arg(ids.keccak_ptr, output_values)";
    public const string BlockPermutationWhitelistV1 = "from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func\n_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\nassert 0 <= _keccak_state_size_felts < 100\n\noutput_values = keccak_func(memory.get_range(\n    ids.keccak_ptr - _keccak_state_size_felts, _keccak_state_size_felts))\nsegments.write_arg(ids.keccak_ptr, output_values)";
    public const string BlockPermutationWhitelistV2 = "from starkware.cairo.common.cairo_keccak.keccak_utils import keccak_func\n_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\nassert 0 <= _keccak_state_size_felts < 100\noutput_values = keccak_func(memory.get_range(\n    ids.keccak_ptr_start, _keccak_state_size_felts))\nsegments.write_arg(ids.output, output_values)";
    public const string CairoKeccakInputIsFullWord = "ids.full_word = int(ids.n_bytes >= 8)";
    public const string CairoKeccakFinalizeV1 = "# Add dummy pairs of input and output.\n_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n_block_size = int(ids.BLOCK_SIZE)\nassert 0 <= _keccak_state_size_felts < 100\nassert 0 <= _block_size < 10\ninp = [0] * _keccak_state_size_felts\npadding = (inp + keccak_func(inp)) * _block_size\nsegments.write_arg(ids.keccak_ptr_end, padding)";
    public const string CairoKeccakFinalizeV2 = "# Add dummy pairs of input and output.\n_keccak_state_size_felts = int(ids.KECCAK_STATE_SIZE_FELTS)\n_block_size = int(ids.BLOCK_SIZE)\nassert 0 <= _keccak_state_size_felts < 100\nassert 0 <= _block_size < 1000\ninp = [0] * _keccak_state_size_felts\npadding = (inp + keccak_func(inp)) * _block_size\nsegments.write_arg(ids.keccak_ptr_end, padding)";
    public const string SplitInput3 = "ids.high3, ids.low3 = divmod(memory[ids.inputs + 3], 256)";
    public const string SplitInput6 = "ids.high6, ids.low6 = divmod(memory[ids.inputs + 6], 256 ** 2)";
    public const string SplitInput9 = "ids.high9, ids.low9 = divmod(memory[ids.inputs + 9], 256 ** 3)";
    public const string SplitInput12 = "ids.high12, ids.low12 = divmod(memory[ids.inputs + 12], 256 ** 4)";
    public const string SplitInput15 = "ids.high15, ids.low15 = divmod(memory[ids.inputs + 15], 256 ** 5)";
    public const string SplitOutput0 = "ids.output0_low = ids.output0 & ((1 << 128) - 1)\nids.output0_high = ids.output0 >> 128";
    public const string SplitOutput1 = "ids.output1_low = ids.output1 & ((1 << 128) - 1)\nids.output1_high = ids.output1 >> 128";
    public const string SplitOutputMidLowHigh = "tmp, ids.output1_low = divmod(ids.output1, 256 ** 7)\nids.output1_high, ids.output1_mid = divmod(tmp, 2 ** 128)";
    public const string SplitNBytes = "ids.n_words_to_copy, ids.n_bytes_left = divmod(ids.n_bytes, ids.BYTES_IN_WORD)";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(UnsafeKeccak, UnsafeKeccakBody);
        r.Register(UnsafeKeccakFinalize, static (c, ids) =>
        {
            var start = ids.GetRelocatable(c, "keccak_state.start_ptr");
            var end = ids.GetRelocatable(c, "keccak_state.end_ptr");
            var diff = new MaybeRelocatable(end) - new MaybeRelocatable(start);
            if (!diff.Felt.TryToUInt64(out ulong n) || n > int.MaxValue) throw new HintException($"unsafe_keccak_finalize: invalid state length {diff}");
            var input = new byte[16 * (int)n];
            for (int i = 0; i < (int)n; i++)
            {
                var word = c.Memory.GetFelt(start.Add(i)).ToBigInteger();
                if (word >= Two128) throw new HintException($"unsafe_keccak_finalize: word {word} does not fit in 16 bytes");
                WriteBigEndian(word, input.AsSpan(16 * i, 16));
            }
            SetHash(c, ids, input);
        });
        r.Register(KeccakWriteArgs, static (c, ids) =>
        {
            var inputs = ids.GetRelocatable(c, "inputs");
            var low = IntOf(c, ids, "low");
            var high = IntOf(c, ids, "high");
            var mask = new BigInteger(ulong.MaxValue);
            ScopeValues.WriteArg(c, inputs, [ToFelt(low & mask), ToFelt(low >> 64)]);
            ScopeValues.WriteArg(c, inputs.Add(2), [ToFelt(high & mask), ToFelt(high >> 64)]);
        });
        r.Register(CompareBytesInWordNondet, static (c, ids) =>
            c.Memory.Insert(c.Ap, ToFelt(IntOf(c, ids, "n_bytes") < ids.GetConstInt("BYTES_IN_WORD"))));
        r.Register(CompareKeccakFullRateInBytesNondet, static (c, ids) =>
            c.Memory.Insert(c.Ap, ToFelt(IntOf(c, ids, "n_bytes") >= ids.GetConstInt("KECCAK_FULL_RATE_IN_BYTES"))));
        r.Register(BlockPermutation, static (c, ids) => PermuteBlock(c, ids, "keccak_ptr", before: true, "keccak_ptr"));
        r.Register(BlockPermutationWhitelistV1, static (c, ids) => PermuteBlock(c, ids, "keccak_ptr", before: true, "keccak_ptr"));
        r.Register(BlockPermutationWhitelistV2, static (c, ids) => PermuteBlock(c, ids, "keccak_ptr_start", before: false, "output"));
        r.Register(CairoKeccakInputIsFullWord, static (c, ids) => ids.Set(c, "full_word", IntOf(c, ids, "n_bytes") >= 8 ? 1UL : 0UL));
        r.Register(CairoKeccakFinalizeV1, static (c, ids) => Finalize(c, ids, 10));
        r.Register(CairoKeccakFinalizeV2, static (c, ids) => Finalize(c, ids, 1000));
        RegisterSplitInput(r, SplitInput3, 3, 1);
        RegisterSplitInput(r, SplitInput6, 6, 2);
        RegisterSplitInput(r, SplitInput9, 9, 3);
        RegisterSplitInput(r, SplitInput12, 12, 4);
        RegisterSplitInput(r, SplitInput15, 15, 5);
        r.Register(SplitOutput0, static (c, ids) => SplitOutput(c, ids, "output0"));
        r.Register(SplitOutput1, static (c, ids) => SplitOutput(c, ids, "output1"));
        r.Register(SplitOutputMidLowHigh, static (c, ids) =>
        {
            var (tmp, low) = DivMod(IntOf(c, ids, "output1"), BigInteger.One << 56);
            ids.Set(c, "output1_low", low);
            var (high, mid) = DivMod(tmp, Two128);
            ids.Set(c, "output1_high", high);
            ids.Set(c, "output1_mid", mid);
        });
        r.Register(SplitNBytes, static (c, ids) =>
        {
            var (words, left) = DivMod(IntOf(c, ids, "n_bytes"), ids.GetConstInt("BYTES_IN_WORD"));
            ids.Set(c, "n_words_to_copy", words);
            ids.Set(c, "n_bytes_left", left);
        });
    }

    private static void UnsafeKeccakBody(HintContext c, HintIds ids)
    {
        var data = ids.GetRelocatable(c, "data");
        var lengthFelt = FeltOf(c, ids, "length");
        if (!lengthFelt.TryToUInt64(out ulong length) || length > int.MaxValue) throw new HintException($"unsafe_keccak: invalid length {lengthFelt.ToDecimalString()}");
        if (ScopeValues.TryGetInt(c, "__keccak_max_size", out var max) && length > max)
        {
            throw new HintException($"unsafe_keccak() can only be used with length<={max}. Got: length={length}.");
        }
        var input = new byte[length];
        int wordIndex = 0;
        for (int b = 0; b < (int)length; b += 16, wordIndex++)
        {
            int nBytes = Math.Min(16, (int)length - b);
            var word = c.Memory.GetFelt(data.Add(wordIndex)).ToBigInteger();
            if (word >= BigInteger.One << (8 * nBytes)) throw new HintException($"Invalid word size: {word} does not fit in {nBytes} bytes");
            WriteBigEndian(word, input.AsSpan(b, nBytes));
        }
        SetHash(c, ids, input);
    }

    private static void SetHash(HintContext c, HintIds ids, byte[] input)
    {
        var hashed = Keccak256.Hash(input);
        ids.Set(c, "high", new BigInteger(hashed.AsSpan(0, 16), isUnsigned: true, isBigEndian: true));
        ids.Set(c, "low", new BigInteger(hashed.AsSpan(16, 16), isUnsigned: true, isBigEndian: true));
    }

    private static void WriteBigEndian(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        int n = value.GetByteCount(isUnsigned: true);
        if (n > 0) value.TryWriteBytes(destination[(destination.Length - n)..], out _, isUnsigned: true, isBigEndian: true);
    }

    private static int StateSize(HintIds ids)
    {
        var size = ids.GetConstInt("KECCAK_STATE_SIZE_FELTS");
        if (size >= 100) throw new HintException($"assert 0 <= _keccak_state_size_felts < 100 failed: {size}");
        if (size != 25) throw new HintException($"keccak_func needs 25 lanes, KECCAK_STATE_SIZE_FELTS = {size}");
        return 25;
    }

    /// <summary><c>keccak_func</c>: Keccak-f[1600] on 25 64-bit lanes.</summary>
    private static ulong[] KeccakFunc(ReadOnlySpan<ulong> lanes)
    {
        var state = lanes.ToArray();
        Keccak256.KeccakF1600(state);
        return state;
    }

    private static void PermuteBlock(HintContext c, HintIds ids, string inputName, bool before, string outputName)
    {
        int size = StateSize(ids);
        var ptr = ids.GetRelocatable(c, inputName);
        var start = before ? ptr.Add(-size) : ptr;
        var lanes = new ulong[size];
        for (int i = 0; i < size; i++)
        {
            var v = c.Memory.GetFelt(start.Add(i));
            if (!v.TryToUInt64(out lanes[i])) throw new HintException($"keccak_func: value {v.ToDecimalString()} at {start.Add(i)} is not a 64-bit lane");
        }
        var output = KeccakFunc(lanes);
        ScopeValues.WriteArg(c, ids.GetRelocatable(c, outputName), output.Select(static x => MaybeRelocatable.FromUInt64(x)));
    }

    private static void Finalize(HintContext c, HintIds ids, int maxBlockSize)
    {
        int size = StateSize(ids);
        var blockSize = ids.GetConstInt("BLOCK_SIZE");
        if (blockSize >= maxBlockSize) throw new HintException($"assert 0 <= _block_size < {maxBlockSize} failed: {blockSize}");
        var zeros = new ulong[size];
        var output = KeccakFunc(zeros);
        var pair = zeros.Concat(output).Select(static x => MaybeRelocatable.FromUInt64(x)).ToArray();
        var padding = Enumerable.Repeat(pair, (int)blockSize).SelectMany(static p => p);
        ScopeValues.WriteArg(c, ids.GetRelocatable(c, "keccak_ptr_end"), padding);
    }

    private static void RegisterSplitInput(Cairo0HintRegistry r, string code, int index, int bytes)
    {
        var divisor = BigInteger.One << (8 * bytes);
        string high = "high" + index, low = "low" + index;
        r.Register(code, (c, ids) =>
        {
            var word = c.Memory.GetFelt(ids.GetRelocatable(c, "inputs").Add(index)).ToBigInteger();
            var (q, rem) = DivMod(word, divisor);
            ids.Set(c, high, q);
            ids.Set(c, low, rem);
        });
    }

    private static void SplitOutput(HintContext c, HintIds ids, string name)
    {
        var v = IntOf(c, ids, name);
        ids.Set(c, name + "_low", v & Mask128);
        ids.Set(c, name + "_high", v >> 128);
    }
}
