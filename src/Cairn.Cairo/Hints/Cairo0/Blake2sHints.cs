using Cairn.Cairo.Memory;
using Cairn.Crypto.Hashing;
using static Cairn.Cairo.Hints.Cairo0.MathHints;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>blake2s helpers (cairo_blake2s/blake2s.cairo; cairo-vm.md §7.3).</summary>
internal static class Blake2sHints
{
    public const string Blake2sCompute = "from starkware.cairo.common.cairo_blake2s.blake2s_utils import compute_blake2s_func\ncompute_blake2s_func(segments=segments, output_ptr=ids.output)";
    public const string Blake2sFinalize = "# Add dummy pairs of input and output.\nfrom starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress\n\n_n_packed_instances = int(ids.N_PACKED_INSTANCES)\nassert 0 <= _n_packed_instances < 20\n_blake2s_input_chunk_size_felts = int(ids.INPUT_BLOCK_FELTS)\nassert 0 <= _blake2s_input_chunk_size_felts < 100\n\nmessage = [0] * _blake2s_input_chunk_size_felts\nmodified_iv = [IV[0] ^ 0x01010020] + IV[1:]\noutput = blake2s_compress(\n    message=message,\n    h=modified_iv,\n    t0=0,\n    t1=0,\n    f0=0xffffffff,\n    f1=0,\n)\npadding = (modified_iv + message + [0, 0xffffffff] + output) * (_n_packed_instances - 1)\nsegments.write_arg(ids.blake2s_ptr_end, padding)";
    public const string Blake2sFinalizeV2 = "# Add dummy pairs of input and output.\nfrom starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress\n\n_n_packed_instances = int(ids.N_PACKED_INSTANCES)\nassert 0 <= _n_packed_instances < 20\n_blake2s_input_chunk_size_felts = int(ids.BLAKE2S_INPUT_CHUNK_SIZE_FELTS)\nassert 0 <= _blake2s_input_chunk_size_felts < 100\n\nmessage = [0] * _blake2s_input_chunk_size_felts\nmodified_iv = [IV[0] ^ 0x01010020] + IV[1:]\noutput = blake2s_compress(\n    message=message,\n    h=modified_iv,\n    t0=0,\n    t1=0,\n    f0=0xffffffff,\n    f1=0,\n)\npadding = (modified_iv + message + [0, 0xffffffff] + output) * (_n_packed_instances - 1)\nsegments.write_arg(ids.blake2s_ptr_end, padding)";
    public const string Blake2sFinalizeV3 = "# Add dummy pairs of input and output.\nfrom starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress\n\n_n_packed_instances = int(ids.N_PACKED_INSTANCES)\nassert 0 <= _n_packed_instances < 20\n_blake2s_input_chunk_size_felts = int(ids.BLAKE2S_INPUT_CHUNK_SIZE_FELTS)\nassert 0 <= _blake2s_input_chunk_size_felts < 100\n\nmessage = [0] * _blake2s_input_chunk_size_felts\nmodified_iv = [IV[0] ^ 0x01010020] + IV[1:]\noutput = blake2s_compress(\n    message=message,\n    h=modified_iv,\n    t0=0,\n    t1=0,\n    f0=0xffffffff,\n    f1=0,\n)\npadding = (message + modified_iv + [0, 0xffffffff] + output) * (_n_packed_instances - 1)\nsegments.write_arg(ids.blake2s_ptr_end, padding)";
    public const string Blake2sAddUint256 = "B = 32\nMASK = 2 ** 32 - 1\nsegments.write_arg(ids.data, [(ids.low >> (B * i)) & MASK for i in range(4)])\nsegments.write_arg(ids.data + 4, [(ids.high >> (B * i)) & MASK for i in range(4)])";
    public const string Blake2sAddUint256Bigend = "B = 32\nMASK = 2 ** 32 - 1\nsegments.write_arg(ids.data, [(ids.high >> (B * (3 - i))) & MASK for i in range(4)])\nsegments.write_arg(ids.data + 4, [(ids.low >> (B * (3 - i))) & MASK for i in range(4)])";

    public const string IsOver63BitsOrEnd = "memory[ap] = (ids.end != ids.packed_values) and (memory[ids.packed_values] < 2**63)";
    public const string Blake2sUnpackFelts = "offset = 0\nfor i in range(ids.packed_values_len):\n    val = (memory[ids.packed_values + i] % PRIME)\n    val_len = 2 if val < 2**63 else 8\n    if val_len == 8:\n        val += 2**255\n    for i in range(val_len - 1, -1, -1):\n        val, memory[ids.unpacked_u32s + offset + i] = divmod(val, 2**32)\n    assert val == 0\n    offset += val_len";
    public const string ExampleBlake2sCompress = "from starkware.cairo.common.cairo_blake2s.blake2s_utils import IV, blake2s_compress\n\n_blake2s_input_chunk_size_felts = int(ids.BLAKE2S_INPUT_CHUNK_SIZE_FELTS)\nassert 0 <= _blake2s_input_chunk_size_felts < 100\n\nnew_state = blake2s_compress(\n    message=memory.get_range(ids.blake2s_start, _blake2s_input_chunk_size_felts),\n    h=[IV[0] ^ 0x01010020] + IV[1:],\n    t0=ids.n_bytes,\n    t1=0,\n    f0=0xffffffff,\n    f1=0,\n)\n\nsegments.write_arg(ids.output, new_state)";

    private static readonly System.Numerics.BigInteger Two63 = System.Numerics.BigInteger.One << 63;

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(IsOver63BitsOrEnd, static (c, ids) =>
        {
            var end = ids.Get(c, "end");
            var packed = ids.Get(c, "packed_values");
            bool result = end != packed && c.Memory.GetFelt(packed.Relocatable).ToBigInteger() < Two63;
            c.Memory.Insert(c.Ap, HintMath.ToFelt(result));
        });
        r.Register(Blake2sUnpackFelts, static (c, ids) =>
        {
            var packed = ids.GetRelocatable(c, "packed_values");
            var unpacked = ids.GetRelocatable(c, "unpacked_u32s");
            var countFelt = FeltOf(c, ids, "packed_values_len");
            if (!countFelt.TryToUInt64(out ulong count) || count > int.MaxValue) throw new HintException($"blake2s: packed_values_len {countFelt.ToDecimalString()} is too large");
            long offset = 0;
            for (int i = 0; i < (int)count; i++)
            {
                var val = c.Memory.GetFelt(packed.Add(i)).ToBigInteger();
                int len = val < Two63 ? 2 : 8;
                if (len == 8) val += System.Numerics.BigInteger.One << 255;
                for (int j = len - 1; j >= 0; j--)
                {
                    c.Memory.Insert(unpacked.Add(offset + j), HintMath.ToFelt(val & uint.MaxValue));
                    val >>= 32;
                }
                if (!val.IsZero) throw new HintException("blake2s: assert val == 0 failed while unpacking felts");
                offset += len;
            }
        });
        r.Register(ExampleBlake2sCompress, static (c, ids) =>
        {
            var chunk = ids.GetConstInt("BLAKE2S_INPUT_CHUNK_SIZE_FELTS");
            if (chunk != 16) throw new HintException($"blake2s_compress needs a 16-word message, BLAKE2S_INPUT_CHUNK_SIZE_FELTS = {chunk}");
            var message = ReadWords(c, ids.GetRelocatable(c, "blake2s_start"), 16);
            var nBytes = FeltOf(c, ids, "n_bytes");
            if (!nBytes.TryToUInt64(out ulong t0) || t0 > uint.MaxValue) throw new HintException($"blake2s: n_bytes = {nBytes.ToDecimalString()} is not a 32-bit word");
            var h = new uint[8];
            Blake2s.Initialize(h);
            Blake2s.Compress(h, message, t0, last: true);
            WriteWords(c, ids.GetRelocatable(c, "output"), h);
        });
        r.Register(Blake2sCompute, static (c, ids) =>
        {
            var output = ids.GetRelocatable(c, "output");
            var h = ReadWords(c, output.Add(-26), 8);
            var message = ReadWords(c, output.Add(-18), 16);
            var t = c.Memory.GetFelt(output.Add(-2));
            var f = c.Memory.GetFelt(output.Add(-1));
            if (!t.TryToUInt64(out ulong counter) || counter > uint.MaxValue) throw new HintException($"blake2s: t = {t.ToDecimalString()} is not a 32-bit word");
            bool last = f.IsZero ? false : f == Primitives.Felt.FromUInt64(0xffffffff) ? true : throw new HintException($"blake2s: f0 = {f.ToDecimalString()} is neither 0 nor 0xffffffff");
            Blake2s.Compress(h, message, counter, last);
            WriteWords(c, output, h);
        });
        r.Register(Blake2sFinalize, static (c, ids) => Finalize(c, ids, "INPUT_BLOCK_FELTS", ivFirst: true));
        r.Register(Blake2sFinalizeV2, static (c, ids) => Finalize(c, ids, "BLAKE2S_INPUT_CHUNK_SIZE_FELTS", ivFirst: true));
        r.Register(Blake2sFinalizeV3, static (c, ids) => Finalize(c, ids, "BLAKE2S_INPUT_CHUNK_SIZE_FELTS", ivFirst: false));
        r.Register(Blake2sAddUint256, static (c, ids) => AddUint256(c, ids, bigEndian: false));
        r.Register(Blake2sAddUint256Bigend, static (c, ids) => AddUint256(c, ids, bigEndian: true));
    }

    private static uint[] ReadWords(HintContext c, Relocatable start, int n)
    {
        var words = new uint[n];
        for (int i = 0; i < n; i++)
        {
            var v = c.Memory.GetFelt(start.Add(i));
            if (!v.TryToUInt64(out ulong w) || w > uint.MaxValue) throw new HintException($"blake2s: {v.ToDecimalString()} at {start.Add(i)} is not a 32-bit word");
            words[i] = (uint)w;
        }
        return words;
    }

    private static void WriteWords(HintContext c, Relocatable at, IEnumerable<uint> words) =>
        ScopeValues.WriteArg(c, at, words.Select(static w => MaybeRelocatable.FromUInt64(w)));

    private static void Finalize(HintContext c, HintIds ids, string chunkSizeName, bool ivFirst)
    {
        var nPacked = ids.GetConstInt("N_PACKED_INSTANCES");
        if (nPacked >= 20) throw new HintException($"assert 0 <= _n_packed_instances < 20 failed: {nPacked}");
        var chunk = ids.GetConstInt(chunkSizeName);
        if (chunk >= 100) throw new HintException($"assert 0 <= _blake2s_input_chunk_size_felts < 100 failed: {chunk}");
        if (chunk != 16) throw new HintException($"blake2s_compress needs a 16-word message, {chunkSizeName} = {chunk}");
        var modifiedIv = new uint[8];
        Blake2s.Initialize(modifiedIv);
        var message = new uint[16];
        var output = (uint[])modifiedIv.Clone();
        Blake2s.Compress(output, message, 0, last: true);
        IEnumerable<uint> one = ivFirst ? modifiedIv.Concat(message) : message.Concat(modifiedIv);
        var block = one.Concat([0u, 0xffffffffu]).Concat(output).ToArray();
        var padding = Enumerable.Repeat(block, Math.Max(0, (int)nPacked - 1)).SelectMany(static b => b);
        WriteWords(c, ids.GetRelocatable(c, "blake2s_ptr_end"), padding);
    }

    private static void AddUint256(HintContext c, HintIds ids, bool bigEndian)
    {
        var data = ids.GetRelocatable(c, "data");
        var low = IntOf(c, ids, "low");
        var high = IntOf(c, ids, "high");
        var (first, second) = bigEndian ? (high, low) : (low, high);
        var words = new uint[8];
        for (int i = 0; i < 4; i++)
        {
            int shift = 32 * (bigEndian ? 3 - i : i);
            words[i] = (uint)((first >> shift) & uint.MaxValue);
            words[4 + i] = (uint)((second >> shift) & uint.MaxValue);
        }
        WriteWords(c, data, words);
    }
}
