using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// The deterministic source of <c>RandomEcPoint</c> candidates. The sequencer samples with a fresh
/// thread RNG; the program's result never depends on the point chosen (only the memory contents do),
/// so Cairn uses a fixed-seed SplitMix64 stream, restarted for every run (this state is per-run), to
/// keep runs reproducible: each candidate x is 31 pseudo-random big-endian bytes (&lt; 2^248 &lt; P).
/// </summary>
public sealed class RandomEcPointState
{
    /// <summary>The fixed seed of every run's stream.</summary>
    public const ulong Seed = 0x43616972_6E454350; // "CairnECP"

    private ulong _state = Seed;

    /// <summary>The next candidate x coordinate.</summary>
    public Felt NextCandidate()
    {
        Span<byte> bytes = stackalloc byte[32];
        for (int i = 0; i < 4; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[(8 * i)..], Next());
        }
        return Felt.FromBytesBE(bytes[1..]);
    }

    private ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
