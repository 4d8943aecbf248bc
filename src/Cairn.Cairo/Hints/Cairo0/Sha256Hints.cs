using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// sha256 helpers (cairo_sha256/sha256_utils.cairo; cairo-vm.md §7.3): <c>compute_message_schedule</c>
/// and <c>sha2_compress_function</c> are the SHA-256 message schedule and compression function.
/// </summary>
internal static class Sha256Hints
{
    public const string Sha256MainConstantInputLength = "from starkware.cairo.common.cairo_sha256.sha256_utils import (\n    IV, compute_message_schedule, sha2_compress_function)\n\n_sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)\nassert 0 <= _sha256_input_chunk_size_felts < 100\n\nw = compute_message_schedule(memory.get_range(\n    ids.sha256_start, _sha256_input_chunk_size_felts))\nnew_state = sha2_compress_function(IV, w)\nsegments.write_arg(ids.output, new_state)";
    public const string Sha256MainArbitraryInputLength = "from starkware.cairo.common.cairo_sha256.sha256_utils import (\n    compute_message_schedule, sha2_compress_function)\n\n_sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)\nassert 0 <= _sha256_input_chunk_size_felts < 100\n_sha256_state_size_felts = int(ids.SHA256_STATE_SIZE_FELTS)\nassert 0 <= _sha256_state_size_felts < 100\nw = compute_message_schedule(memory.get_range(\n    ids.sha256_start, _sha256_input_chunk_size_felts))\nnew_state = sha2_compress_function(memory.get_range(ids.state, _sha256_state_size_felts), w)\nsegments.write_arg(ids.output, new_state)";
    public const string Sha256Finalize = "# Add dummy pairs of input and output.\nfrom starkware.cairo.common.cairo_sha256.sha256_utils import (\n    IV, compute_message_schedule, sha2_compress_function)\n\n_block_size = int(ids.BLOCK_SIZE)\nassert 0 <= _block_size < 20\n_sha256_input_chunk_size_felts = int(ids.SHA256_INPUT_CHUNK_SIZE_FELTS)\nassert 0 <= _sha256_input_chunk_size_felts < 100\n\nmessage = [0] * _sha256_input_chunk_size_felts\nw = compute_message_schedule(message)\noutput = sha2_compress_function(IV, w)\npadding = (message + IV + output) * (_block_size - 1)\nsegments.write_arg(ids.sha256_ptr_end, padding)";

    /// <summary>SHA-256 initial state.</summary>
    public static readonly uint[] Iv = Syscalls.Sha256Compression.InitialState.ToArray();

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(Sha256MainConstantInputLength, static (c, ids) =>
        {
            var message = ReadWords(c, ids.GetRelocatable(c, "sha256_start"), ChunkSize(ids));
            Write(c, ids.GetRelocatable(c, "output"), Compress(Iv, message));
        });
        r.Register(Sha256MainArbitraryInputLength, static (c, ids) =>
        {
            var message = ReadWords(c, ids.GetRelocatable(c, "sha256_start"), ChunkSize(ids));
            var stateSize = ids.GetConstInt("SHA256_STATE_SIZE_FELTS");
            if (stateSize >= 100) throw new HintException($"assert 0 <= _sha256_state_size_felts < 100 failed: {stateSize}");
            if (stateSize != 8) throw new HintException($"sha2_compress_function needs an 8-word state, SHA256_STATE_SIZE_FELTS = {stateSize}");
            var state = ReadWords(c, ids.GetRelocatable(c, "state"), 8);
            Write(c, ids.GetRelocatable(c, "output"), Compress(state, message));
        });
        r.Register(Sha256Finalize, static (c, ids) =>
        {
            var blockSize = ids.GetConstInt("BLOCK_SIZE");
            if (blockSize >= 20) throw new HintException($"assert 0 <= _block_size < 20 failed: {blockSize}");
            var message = new uint[ChunkSize(ids)];
            var output = Compress(Iv, message);
            var block = message.Concat(Iv).Concat(output).ToArray();
            Write(c, ids.GetRelocatable(c, "sha256_ptr_end"), Enumerable.Repeat(block, Math.Max(0, (int)blockSize - 1)).SelectMany(static b => b));
        });
    }

    /// <summary><c>sha2_compress_function(state, compute_message_schedule(message))</c>.</summary>
    public static uint[] Compress(ReadOnlySpan<uint> state, ReadOnlySpan<uint> message)
    {
        var result = state[..8].ToArray();
        Syscalls.Sha256Compression.Compress(result, message[..16]);
        return result;
    }

    private static int ChunkSize(HintIds ids)
    {
        var chunk = ids.GetConstInt("SHA256_INPUT_CHUNK_SIZE_FELTS");
        if (chunk >= 100) throw new HintException($"assert 0 <= _sha256_input_chunk_size_felts < 100 failed: {chunk}");
        if (chunk != 16) throw new HintException($"compute_message_schedule needs a 16-word message, SHA256_INPUT_CHUNK_SIZE_FELTS = {chunk}");
        return 16;
    }

    private static uint[] ReadWords(HintContext c, Relocatable start, int n)
    {
        var words = new uint[n];
        for (int i = 0; i < n; i++)
        {
            var v = c.Memory.GetFelt(start.Add(i));
            if (!v.TryToUInt64(out ulong x) || x > uint.MaxValue) throw new HintException($"sha256: {v.ToDecimalString()} at {start.Add(i)} is not a 32-bit word");
            words[i] = (uint)x;
        }
        return words;
    }

    private static void Write(HintContext c, Relocatable at, IEnumerable<uint> words) =>
        ScopeValues.WriteArg(c, at, words.Select(static w => MaybeRelocatable.FromUInt64(w)));
}
