using System.Runtime.CompilerServices;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// Incremental unkeyed BLAKE2s-256: <see cref="Update"/> any number of times, then
/// <see cref="Finish"/>. Gives the same digest as <see cref="Blake2s.Hash(ReadOnlySpan{byte}, Span{byte})"/>
/// on the concatenated input. A mutable struct with inline buffers: keep it in a local and pass it
/// by reference, never by value.
/// </summary>
/// <remarks>
/// <c>default(Blake2sState)</c> is usable: it initialises itself on first use.
/// </remarks>
public struct Blake2sState
{
    private ChainingValue _h;
    private Block _buffer;
    private ulong _counter;
    private int _buffered;
    private bool _initialized;

    public Blake2sState() => Reset();

    /// <summary>Starts a new hash, discarding any buffered input.</summary>
    public void Reset()
    {
        Blake2s.Initialize(_h);
        _counter = 0;
        _buffered = 0;
        _initialized = true;
    }

    /// <summary>Absorbs <paramref name="data"/>.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        if (!_initialized) Reset();
        if (data.IsEmpty) return;

        Span<byte> buffer = _buffer;
        int room = Blake2s.BlockSize - _buffered;
        // A block is compressed only once more input follows it: the last block must carry the
        // final flag, so up to a full block always stays buffered.
        if (data.Length > room)
        {
            if (_buffered > 0)
            {
                data[..room].CopyTo(buffer[_buffered..]);
                _counter += Blake2s.BlockSize;
                Blake2s.Compress(_h, buffer, _counter, last: false);
                _buffered = 0;
                data = data[room..];
            }
            while (data.Length > Blake2s.BlockSize)
            {
                _counter += Blake2s.BlockSize;
                Blake2s.Compress(_h, data, _counter, last: false);
                data = data[Blake2s.BlockSize..];
            }
        }
        data.CopyTo(buffer[_buffered..]);
        _buffered += data.Length;
    }

    /// <summary>Writes the digest to the first 32 bytes of <paramref name="output32"/> and resets the state.</summary>
    public void Finish(Span<byte> output32)
    {
        if (output32.Length < Blake2s.HashSize)
            throw new ArgumentException($"the output needs at least {Blake2s.HashSize} bytes", nameof(output32));
        if (!_initialized) Reset();

        Span<byte> buffer = _buffer;
        buffer[_buffered..].Clear();
        _counter += (ulong)_buffered;
        Blake2s.Compress(_h, buffer, _counter, last: true);
        Blake2s.WriteDigest(_h, output32);
        Reset();
    }

    [InlineArray(8)]
    private struct ChainingValue
    {
        private uint _element0;
    }

    [InlineArray(Blake2s.BlockSize)]
    private struct Block
    {
        private byte _element0;
    }
}
