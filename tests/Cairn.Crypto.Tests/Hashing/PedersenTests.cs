using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Crypto.Tests.Hashing;

public class PedersenTests
{
    private static JsonElement Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json")));
        return doc.RootElement.GetProperty("pedersen").Clone();
    }

    [Fact]
    public void Published_pairs_match()
    {
        foreach (var c in Vectors().GetProperty("pairs").EnumerateArray())
        {
            var h = Pedersen.Hash(Felt.Parse(c.GetProperty("a").GetString()), Felt.Parse(c.GetProperty("b").GetString()));
            Assert.Equal(Felt.Parse(c.GetProperty("hash").GetString()), h);
        }
    }

    [Fact]
    public void Published_arrays_match()
    {
        foreach (var c in Vectors().GetProperty("array").EnumerateArray())
        {
            var inputs = c.GetProperty("inputs").EnumerateArray().Select(e => Felt.Parse(e.GetString())).ToArray();
            Assert.Equal(Felt.Parse(c.GetProperty("hash").GetString()), Pedersen.HashArray(inputs));
        }
    }

    [Fact]
    public void Empty_array_is_pedersen_of_zero_zero() =>
        Assert.Equal(Pedersen.Hash(Felt.Zero, Felt.Zero), Pedersen.HashArray([]));

    [Fact]
    public void Matches_scure_on_random_and_edge_pairs()
    {
        var rnd = new RandomFelts(101);
        var pairs = new List<(Felt A, Felt B)>();
        foreach (var a in RandomFelts.Edges)
        {
            foreach (var b in RandomFelts.Edges) pairs.Add((a, b));
        }
        for (int i = 0; i < 2000; i++) pairs.Add((rnd.NextMixed(), rnd.NextMixed()));
        var expected = ScureOracle.Shared.Call("pedersen", pairs.Select(p => new[] { p.A.ToString(), p.B.ToString() }).ToArray());
        for (int i = 0; i < pairs.Count; i++)
        {
            Assert.True(expected[i] == Pedersen.Hash(pairs[i].A, pairs[i].B).ToString(), $"pedersen({pairs[i].A}, {pairs[i].B})");
        }
    }

    [Fact]
    public void Hash_array_matches_scure_on_random_lengths()
    {
        var rnd = new RandomFelts(102);
        var arrays = new List<Felt[]>();
        for (int i = 0; i < 300; i++)
        {
            var a = new Felt[rnd.NextInt(12)];
            for (int j = 0; j < a.Length; j++) a[j] = rnd.NextMixed();
            arrays.Add(a);
        }
        var expected = ScureOracle.Shared.Call("pedersen_array", arrays.Select(a => a.Select(f => f.ToString()).ToArray()).ToArray());
        for (int i = 0; i < arrays.Count; i++) Assert.Equal(expected[i], Pedersen.HashArray(arrays[i]).ToString());
    }
}
