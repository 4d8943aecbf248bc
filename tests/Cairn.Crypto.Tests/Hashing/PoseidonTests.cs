using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Crypto.Tests.Hashing;

public class PoseidonTests
{
    private static JsonElement Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json")));
        return doc.RootElement.GetProperty("poseidon").Clone();
    }

    private static Felt F(JsonElement e) => Felt.Parse(e.GetString());

    [Fact]
    public void Published_permutation_matches()
    {
        foreach (var c in Vectors().GetProperty("hades_permutation").EnumerateArray())
        {
            var input = c.GetProperty("state_in").EnumerateArray().Select(F).ToArray();
            var output = c.GetProperty("state_out").EnumerateArray().Select(F).ToArray();
            Felt s0 = input[0], s1 = input[1], s2 = input[2];
            Poseidon.Permute(ref s0, ref s1, ref s2);
            Assert.Equal(output, new[] { s0, s1, s2 });
        }
    }

    [Fact]
    public void Published_hashes_match()
    {
        var v = Vectors();
        foreach (var c in v.GetProperty("single").EnumerateArray())
            Assert.Equal(F(c.GetProperty("hash")), Poseidon.HashSingle(F(c.GetProperty("x"))));
        foreach (var c in v.GetProperty("pair").EnumerateArray())
            Assert.Equal(F(c.GetProperty("hash")), Poseidon.Hash(F(c.GetProperty("x")), F(c.GetProperty("y"))));
        foreach (var c in v.GetProperty("many").EnumerateArray())
            Assert.Equal(F(c.GetProperty("hash")), Poseidon.HashMany(c.GetProperty("inputs").EnumerateArray().Select(F).ToArray()));
    }

    [Fact]
    public void The_three_entry_points_differ()
    {
        Felt a = 7, b = 9;
        Assert.NotEqual(Poseidon.Hash(a, b), Poseidon.HashMany([a, b]));
        Assert.NotEqual(Poseidon.HashSingle(a), Poseidon.HashMany([a]));
    }

    [Fact]
    public void Matches_scure_on_random_inputs()
    {
        var rnd = new RandomFelts(201);
        var pairs = new List<string[]>();
        var singles = new List<string[]>();
        var many = new List<string[]>();
        foreach (var e in RandomFelts.Edges)
        {
            singles.Add([e.ToString()]);
            foreach (var f in RandomFelts.Edges) pairs.Add([e.ToString(), f.ToString()]);
        }
        for (int i = 0; i < 2000; i++)
        {
            pairs.Add([rnd.NextMixed().ToString(), rnd.NextMixed().ToString()]);
            singles.Add([rnd.NextMixed().ToString()]);
        }
        for (int i = 0; i < 500; i++)
        {
            var a = new string[rnd.NextInt(11)];
            for (int j = 0; j < a.Length; j++) a[j] = rnd.NextMixed().ToString();
            many.Add(a);
        }
        var ePairs = ScureOracle.Shared.Call("poseidon", pairs);
        var eSingles = ScureOracle.Shared.Call("poseidon_single", singles);
        var eMany = ScureOracle.Shared.Call("poseidon_many", many);
        for (int i = 0; i < pairs.Count; i++)
            Assert.True(ePairs[i] == Poseidon.Hash(Felt.Parse(pairs[i][0]), Felt.Parse(pairs[i][1])).ToString(), $"poseidon({pairs[i][0]}, {pairs[i][1]})");
        for (int i = 0; i < singles.Count; i++)
            Assert.Equal(eSingles[i], Poseidon.HashSingle(Felt.Parse(singles[i][0])).ToString());
        for (int i = 0; i < many.Count; i++)
            Assert.Equal(eMany[i], Poseidon.HashMany(many[i].Select(s => Felt.Parse(s)).ToArray()).ToString());
    }
}
