using Cairn.Primitives;

namespace Cairn.Stark.Proving;

/// <summary>
/// Scratch columns of one length (T) reused across the phases of one proof: the coset blocks of a commitment, the
/// natural-order cosets of the composition, the DEEP accumulators and the query FFTs all take their buffers here, so
/// a proof allocates its large scratch once instead of leaving every phase's garbage to the GC (which, with memory to
/// spare, keeps it resident and so sets the peak).
/// </summary>
internal sealed class ColumnBufferPool
{
    private readonly Stack<Felt[]> _free = new();
    private readonly object _gate = new();

    public ColumnBufferPool(int length) => Length = length;

    public int Length { get; }

    /// <summary>Buffers created so far (the pool's high-water mark).</summary>
    public int Created { get; private set; }

    /// <summary>A buffer of <see cref="Length"/> elements with arbitrary contents.</summary>
    public Felt[] Rent()
    {
        lock (_gate)
        {
            if (_free.Count > 0) return _free.Pop();
            Created++;
        }
        return GC.AllocateUninitializedArray<Felt>(Length);
    }

    public void Return(Felt[] buffer)
    {
        if (buffer.Length != Length) throw new ArgumentException("the buffer is not from this pool", nameof(buffer));
        lock (_gate) _free.Push(buffer);
    }
}
