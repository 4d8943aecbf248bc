using System.Numerics;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// The SHA-512 compression function (FIPS 180-4 §6.4.2) on one 16-word block, as the
/// Sha512ProcessBlock syscall needs. The constants are derived as the standard defines them: the
/// first 64 fractional bits of the square roots (initial state) and cube roots (round constants) of
/// the first primes.
/// </summary>
public static class Sha512Compression
{
    private static readonly ulong[] Iv = FractionalRootBits(8, 2);
    private static readonly ulong[] K = FractionalRootBits(80, 3);

    /// <summary>The initial hash value H(0).</summary>
    public static ReadOnlySpan<ulong> InitialState => Iv;

    /// <summary>Updates <paramref name="state"/> (8 words) with <paramref name="block"/> (16 big-endian words).</summary>
    public static void Compress(Span<ulong> state, ReadOnlySpan<ulong> block)
    {
        if (state.Length != 8 || block.Length != 16) throw new ArgumentException("SHA-512 needs an 8-word state and a 16-word block");
        Span<ulong> w = stackalloc ulong[80];
        block.CopyTo(w);
        for (int t = 16; t < 80; t++)
        {
            ulong s0 = BitOperations.RotateRight(w[t - 15], 1) ^ BitOperations.RotateRight(w[t - 15], 8) ^ (w[t - 15] >> 7);
            ulong s1 = BitOperations.RotateRight(w[t - 2], 19) ^ BitOperations.RotateRight(w[t - 2], 61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        ulong a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 80; t++)
        {
            ulong s1 = BitOperations.RotateRight(e, 14) ^ BitOperations.RotateRight(e, 18) ^ BitOperations.RotateRight(e, 41);
            ulong ch = (e & f) ^ (~e & g);
            ulong t1 = h + s1 + ch + K[t] + w[t];
            ulong s0 = BitOperations.RotateRight(a, 28) ^ BitOperations.RotateRight(a, 34) ^ BitOperations.RotateRight(a, 39);
            ulong maj = (a & b) ^ (a & c) ^ (b & c);
            ulong t2 = s0 + maj;
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }

    /// <summary>The first 64 fractional bits of the <paramref name="root"/>-th roots of the first <paramref name="count"/> primes.</summary>
    private static ulong[] FractionalRootBits(int count, int root)
    {
        var result = new ulong[count];
        int found = 0;
        for (int p = 2; found < count; p++)
        {
            bool prime = true;
            for (int q = 2; q * q <= p; q++)
            {
                if (p % q == 0)
                {
                    prime = false;
                    break;
                }
            }
            if (!prime) continue;
            // floor(root-th root of p · 2^(64·root)) = floor(p^(1/root) · 2^64); its low 64 bits are the fraction.
            var target = new BigInteger(p) << (64 * root);
            BigInteger lo = BigInteger.One << 64, hi = BigInteger.One << 72;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) >> 1;
                if (BigInteger.Pow(mid, root) <= target) lo = mid;
                else hi = mid - 1;
            }
            result[found++] = (ulong)(lo & ulong.MaxValue);
        }
        return result;
    }
}
