using Cairn.Primitives;

namespace Cairn.Stark.Tests;

internal static class TestData
{
    public static Felt RandomFelt(Random rng) =>
        Felt.FromLimbsReduced((ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64() >> 4);

    public static Felt[] RandomFelts(Random rng, int n)
    {
        var result = new Felt[n];
        for (int i = 0; i < n; i++) result[i] = RandomFelt(rng);
        return result;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
