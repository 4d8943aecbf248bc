using System.CommandLine;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;

namespace Cairn.Node.Cli;

/// <summary>The `cairn` command line: builds the command tree and runs it against given streams.</summary>
public static class CliApp
{
    [ThreadStatic]
    private static TextReader? _input;

    /// <summary>Standard input of the current invocation (a test can substitute its own).</summary>
    internal static TextReader Input => _input ?? Console.In;

    public static RootCommand Build()
    {
        var root = new RootCommand("Cairn: a validity rollup with Starknet's Layer-2 architecture. "
            + "Numbers print as lowercase 0x hex without leading zeros; values may be decimal, 0x hex or a 'short string'.");
        root.Subcommands.Add(FeltCommand());
        root.Subcommands.Add(HashCommands());
        root.Subcommands.Add(KeyCommands());
        root.Subcommands.Add(TrieCommands.Build());
        foreach (var c in CairoCommands.Build()) root.Subcommands.Add(c);
        root.Subcommands.Add(DevnetCommands.Devnet());
        root.Subcommands.Add(DevnetCommands.SubmitCasm());
        root.Subcommands.Add(ContractCommands.RunContract());
        foreach (var c in ExecutionCommands.Build()) root.Subcommands.Add(c);
        root.Subcommands.Add(ValueCommand.Create("sign", "Sign a message hash with a Stark private key (RFC 6979); prints r s",
            "PRIVATE HASH", 2, 2, v =>
            {
                var key = PrivateKey(v[0]);
                var hash = CliValues.ParseFelt(v[1], "hash");
                if (hash >= Ecdsa.MaxValue) throw new CliInputException("hash must be below 2^251");
                var sig = Ecdsa.Sign(key, hash);
                return new Outcome($"{sig.R} {sig.S}");
            }));
        root.Subcommands.Add(ProveCommands.Prove());
        root.Subcommands.Add(ProveCommands.WithProofVerification(ValueCommand.Create("verify", "Verify a Stark ECDSA signature against a public key x; prints true/false, exit code 0/1",
            "PUBLIC HASH R S", 4, 4, v =>
            {
                var pub = CliValues.ParseFelt(v[0], "public key");
                var hash = CliValues.ParseFelt(v[1], "hash");
                var r = CliValues.ParseFelt(v[2], "r");
                var s = CliValues.ParseFelt(v[3], "s");
                if (hash >= Ecdsa.MaxValue) throw new CliInputException("hash must be below 2^251");
                if (r.IsZero || r >= Ecdsa.MaxValue) throw new CliInputException("r must be in [1, 2^251)");
                if (s.IsZero || s >= Cairn.Crypto.Curve.StarkCurve.Order) throw new CliInputException("s must be in [1, N) where N is the curve order");
                if (!Cairn.Crypto.Curve.StarkCurve.IsOnCurveX(pub)) throw new CliInputException($"public key {pub} is not the x of a point on the Stark curve");
                bool ok = Ecdsa.Verify(pub, hash, r, s);
                return new Outcome(CliValues.Format(ok), ok ? 0 : 1);
            })));
        return root;
    }

    /// <summary>Runs the command line with the given streams and returns the exit code.</summary>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var previous = _input;
        _input = input;
        try
        {
            var config = new InvocationConfiguration { Output = output, Error = error };
            var parsed = Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }); // no @file expansion: '@x' is a value
            if (parsed.Errors.Count > 0)
            {
                // Usage errors are input errors: one line each on stderr, exit code 2 (never verify's 1).
                foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}");
                error.WriteLine("(see 'cairn --help')");
                return ValueCommand.ExitInputError;
            }
            return parsed.Invoke(config);
        }
        finally
        {
            _input = previous;
        }
    }

    private static Command FeltCommand() =>
        ValueCommand.Create("felt", "Show a field element as hex, decimal and (when printable) short string",
            "VALUE", 1, 1, v => new Outcome(CliValues.Describe(CliValues.ParseFelt(v[0]))));

    private static Command HashCommands()
    {
        var hash = new Command("hash", "Starknet hash functions");
        hash.Subcommands.Add(ValueCommand.Create("pedersen", "Pedersen hash of two felts", "A B", 2, 2,
            v => new Outcome(Pedersen.Hash(CliValues.ParseFelt(v[0], "A"), CliValues.ParseFelt(v[1], "B")).ToString())));
        hash.Subcommands.Add(ValueCommand.Create("pedersen-array", "Pedersen hash chain with length (compute_hash_on_elements)", "X...", 0, int.MaxValue,
            v => new Outcome(Pedersen.HashArray(Felts(v)).ToString())));
        hash.Subcommands.Add(ValueCommand.Create("poseidon", "Poseidon hash of any number of felts (poseidon_many)", "X...", 0, int.MaxValue,
            v => new Outcome(Poseidon.HashMany(Felts(v)).ToString())));
        hash.Subcommands.Add(ValueCommand.Create("poseidon-pair", "Poseidon hash of two felts (hades([a, b, 2])[0])", "A B", 2, 2,
            v => new Outcome(Poseidon.Hash(CliValues.ParseFelt(v[0], "A"), CliValues.ParseFelt(v[1], "B")).ToString())));
        hash.Subcommands.Add(ValueCommand.Create("poseidon-single", "Poseidon hash of one felt (hades([x, 0, 1])[0])", "X", 1, 1,
            v => new Outcome(Poseidon.HashSingle(CliValues.ParseFelt(v[0], "X")).ToString())));
        hash.Subcommands.Add(ValueCommand.Create("selector", "Entry-point selector: starknet_keccak of the ASCII name (__default__ and __l1_default__ give 0)", "NAME", 1, 1,
            v =>
            {
                foreach (char ch in v[0])
                {
                    if (ch > 0x7F) throw new CliInputException("a selector name must be ASCII");
                }
                return new Outcome(StarknetKeccak.Selector(v[0]).ToString());
            }, wholeLine: true));
        hash.Subcommands.Add(ValueCommand.Create("keccak", "Keccak-256 (Ethereum) of hex bytes; prints the 32-byte digest", "HEXBYTES", 1, 1,
            v => new Outcome(CliValues.FormatBytes(Keccak256.Hash(CliValues.ParseHexBytes(v[0], "bytes"))))));
        hash.Subcommands.Add(ValueCommand.Create("blake2s", "Blake2s felt hash of compiled class hash v2 (Blake2Felt252)", "X...", 0, int.MaxValue,
            v => new Outcome(Blake2Felt.Hash(Felts(v)).ToString())));
        return hash;
    }

    private static Command KeyCommands()
    {
        var key = new Command("key", "Stark keys");
        var newKey = new Command("new", "Generate a random private key; prints the private key and the public key (x)");
        newKey.SetAction(parse =>
        {
            var k = Ecdsa.NewPrivateKey();
            parse.InvocationConfiguration.Output.WriteLine($"private_key {k}");
            parse.InvocationConfiguration.Output.WriteLine($"public_key {Ecdsa.GetPublicKey(k)}");
            return 0;
        });
        key.Subcommands.Add(newKey);
        key.Subcommands.Add(ValueCommand.Create("public", "The Stark public key (x of d·G) of a private key", "PRIVATE", 1, 1,
            v => new Outcome(Ecdsa.GetPublicKey(PrivateKey(v[0])).ToString())));
        return key;
    }

    private static Felt PrivateKey(string text)
    {
        var k = CliValues.ParseFelt(text, "private key");
        if (k.IsZero || k >= Cairn.Crypto.Curve.StarkCurve.Order)
            throw new CliInputException("private key must be in [1, N) where N is the curve order");
        return k;
    }

    private static Felt[] Felts(IReadOnlyList<string> values)
    {
        var felts = new Felt[values.Count];
        for (int i = 0; i < felts.Length; i++) felts[i] = CliValues.ParseFelt(values[i], $"value {i + 1}");
        return felts;
    }
}
