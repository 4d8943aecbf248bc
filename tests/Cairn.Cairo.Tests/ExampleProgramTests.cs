using System.Numerics;
using Cairn.Cairo.Assembler;
using Cairn.Cairo.Layouts;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Runners;
using Cairn.Crypto.Curve;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests;

/// <summary>
/// The assembly programs in examples/: each is assembled, run in execution and proof mode with a
/// layout that has its builtins, and its output is checked against an independent computation.
/// </summary>
public class ExampleProgramTests
{
    private static readonly Lazy<string> ExamplesDir = new(() =>
    {
        if (Environment.GetEnvironmentVariable("CAIRN_REPO_ROOT") is { Length: > 0 } env && File.Exists(Path.Combine(env, "Cairn.slnx")))
        {
            return Path.Combine(env, "examples");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx"))) return Path.Combine(dir.FullName, "examples");
        }
        throw new InvalidOperationException($"no directory above {AppContext.BaseDirectory} contains Cairn.slnx (set CAIRN_REPO_ROOT)");
    });

    internal static string Source(string name) => File.ReadAllText(Path.Combine(ExamplesDir.Value, name + ".casm"));

    /// <summary>Assembles, goes through the program JSON as <c>cairn asm</c> / <c>cairn run</c> do, and runs.</summary>
    private static CairoRunner Run(string source, string? layout, bool proofMode)
    {
        var program = CairoProgram.Parse(CasmAssembler.Assemble(source).ToJson());
        var runner = new CairoRunner(program, new CairoRunOptions { Layout = layout is null ? null : Layout.Get(layout), ProofMode = proofMode });
        runner.RunMain();
        if (proofMode)
        {
            var air = runner.GetAirPublicInput();
            Assert.Equal(layout ?? "plain", air.Layout);
        }
        return runner;
    }

    /// <summary>Runs the example in both modes and returns the output (equal in both).</summary>
    private static Felt[] Output(string example, string? layout)
    {
        string source = Source(example);
        var exec = Run(source, layout, proofMode: false).GetOutput().Select(v => v.Felt).ToArray();
        var proof = Run(source, layout, proofMode: true).GetOutput().Select(v => v.Felt).ToArray();
        Assert.Equal(exec, proof);
        return exec;
    }

    private static Felt F(BigInteger v) => Felt.FromBigInteger(v);

    [Theory]
    [InlineData("fibonacci")]
    [InlineData("factorial")]
    public void Programs_without_builtins_run_in_both_modes(string example)
    {
        Assert.Empty(Output(example, null));
        var proof = Run(Source(example), null, proofMode: true);
        Assert.True(proof.OriginalSteps > 10);
    }

    [Fact]
    public void Output_writes_three_values()
    {
        Assert.Equal([42, 84, -(Felt)1], Output("output", "small"));
    }

    [Fact]
    public void Pedersen_computes_the_hash_chain_of_1_2_3()
    {
        var h1 = Pedersen.Hash(0, 1);
        var h2 = Pedersen.Hash(h1, 2);
        var h3 = Pedersen.Hash(h2, 3);
        var expected = new[] { h1, h2, h3, Pedersen.HashArray([1, 2, 3]) };
        Assert.Equal(Pedersen.Hash(h3, 3), expected[3]);
        Assert.Equal(expected, Output("pedersen", "small"));
    }

    [Fact]
    public void Range_check_proves_an_integer_division()
    {
        Assert.Equal([1000 / 7, 1000 % 7], Output("range_check", "small"));
        // A wrong remainder that still satisfies A = B * Q + R in the field is caught by the range check of B - 1 - R.
        string wrong = Source("range_check").Replace("const Q = 142;", "const Q = 141;").Replace("const R = 6;", "const R = 13;");
        var e = Assert.ThrowsAny<Exception>(() => Run(wrong, "small", proofMode: false));
        Assert.Contains("out of range [0, 2^128)", e.ToString());
    }

    [Fact]
    public void Bitwise_and_xor_or_match_biginteger()
    {
        var x = BigInteger.Parse("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", System.Globalization.NumberStyles.HexNumber);
        var y = BigInteger.Parse("0fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432", System.Globalization.NumberStyles.HexNumber);
        Assert.Equal([F(x & y), F(x ^ y), F(x | y), F(x)], Output("bitwise", "recursive"));
    }

    [Fact]
    public void Ec_op_adds_a_multiple_of_the_generator_to_the_shift_point()
    {
        var g = StarkCurve.Generator;
        var m = Felt.Parse("0x1234567890abcdef1234567890abcdef");
        var r = StarkCurve.Multiply(g, m).Add(Pedersen.ShiftPoint).ToAffine();
        var r2 = StarkCurve.Multiply(g, 2).Add(r).ToAffine();
        // the same points by scalar arithmetic on G: shift point + m*G, and + 2*G
        Assert.Equal(r2, StarkCurve.Multiply(g, m + 2).Add(Pedersen.ShiftPoint).ToAffine());
        Assert.Equal([r.X, r.Y, r2.X, r2.Y], Output("ec_op", "starknet"));
    }

    [Fact]
    public void Keccak_digests_a_short_message()
    {
        var output = Output("keccak", "starknet_with_keccak");
        Assert.Equal(2, output.Length);
        byte[] digest = [.. output[0].ToBytesLE()[..25], .. output[1].ToBytesLE()[..7]];
        Assert.Equal(Keccak256.Hash("Cairn"u8), digest);
        Assert.Equal(BigInteger.Zero, output[1].ToBigInteger() >> 200); // a 200-bit state word
    }

    [Fact]
    public void Poseidon_hashes_a_pair_and_a_list()
    {
        Assert.Equal([Poseidon.Hash(1, 2), Poseidon.HashMany([1, 2, 3])], Output("poseidon", "starknet"));
    }

    [Fact]
    public void Range_check96_proves_a_limb_split()
    {
        var x = BigInteger.Parse("0fedcba9876543210fedcba9876543210fedcba9876543210", System.Globalization.NumberStyles.HexNumber);
        var mask = (BigInteger.One << 96) - 1;
        Assert.Equal([F(x & mask), F(x >> 96)], Output("range_check96", "all_cairo"));
        // A limb of 2^96 (with the other adjusted so the sum still holds) is rejected.
        string wrong = Source("range_check96")
            .Replace("const L0 = 0x76543210fedcba9876543210;", "const L0 = 0x176543210fedcba9876543210;")
            .Replace("const L1 = 0xfedcba9876543210fedcba98;", "const L1 = 0xfedcba9876543210fedcba97;");
        var e = Assert.ThrowsAny<Exception>(() => Run(wrong, "all_cairo", proofMode: false));
        Assert.Contains("out of range [0, 2^96)", e.ToString());
    }
}
