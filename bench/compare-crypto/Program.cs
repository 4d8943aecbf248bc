using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Primitives;

namespace Cairn.CompareCrypto;

/// <summary>
/// Cairn's side of bench/compare-crypto (run.sh drives both sides):
/// <c>gen --inputs FILE [--seed N]</c> writes the shared inputs;
/// <c>run --inputs FILE [--seconds S] [--warmup S] [--ops a,b] [--out FILE]</c> times each op single-threaded
/// and prints one JSON object per op.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: Cairn.CompareCrypto gen --inputs FILE [--seed N]\n" +
        "       Cairn.CompareCrypto run --inputs FILE [--seconds S=3] [--warmup S=1] [--ops op1,op2] [--out FILE]\n" +
        "ops: " + "pedersen, poseidon, poseidon_many, ecdsa_sign, ecdsa_verify, public_key, keccak256, felt_mul";

    public static int Main(string[] args)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help") return Fail(null);
            var opts = ParseOptions(args.AsSpan(1));
            switch (args[0])
            {
                case "gen":
                    {
                        var path = Required(opts, "inputs");
                        ulong seed = opts.TryGetValue("seed", out var s) ? ulong.Parse(s, CultureInfo.InvariantCulture) : 20240601UL;
                        Inputs.Generate(seed).Write(path);
                        Console.Error.WriteLine($"wrote {path} (seed {seed})");
                        return 0;
                    }
                case "run":
                    {
                        var inputs = Inputs.Read(Required(opts, "inputs"));
                        double seconds = opts.TryGetValue("seconds", out var sec) ? double.Parse(sec, CultureInfo.InvariantCulture) : 3.0;
                        double warmup = opts.TryGetValue("warmup", out var wu) ? double.Parse(wu, CultureInfo.InvariantCulture) : 1.0;
                        if (!(seconds > 0) || !(warmup >= 0)) return Fail("--seconds must be > 0 and --warmup >= 0");
                        var ops = Ops.Create(inputs);
                        IEnumerable<string> names = opts.TryGetValue("ops", out var list)
                            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            : ops.Keys;
                        using StreamWriter? file = opts.TryGetValue("out", out var outPath) ? new StreamWriter(outPath) : null;
                        TextWriter output = file ?? Console.Out;
                        foreach (var name in names)
                        {
                            if (!ops.TryGetValue(name, out var op)) return Fail($"unknown op '{name}'");
                            var r = Harness.Measure(name, op, warmup, seconds);
                            output.WriteLine(r.ToJson());
                            output.Flush();
                            Console.Error.WriteLine($"cairn {name,-14} {r.OpsPerSec,14:N0} ops/s {r.UsPerOp,12:F3} us/op");
                        }
                        return 0;
                    }
                default:
                    return Fail($"unknown command '{args[0]}'");
            }
        }
        catch (Exception e) when (e is FormatException or IOException or JsonException or ArgumentException or InvalidOperationException)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string? message)
    {
        if (message is not null) Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static string Required(Dictionary<string, string> opts, string name) =>
        opts.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{a}'");
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) d[a[2..eq]] = a[(eq + 1)..];
            else if (i + 1 < args.Length) d[a[2..]] = args[++i];
            else throw new ArgumentException($"{a} needs a value");
        }
        return d;
    }
}

/// <summary>Runs <c>iterations</c> operations and returns a checksum of the results (so nothing is optimised away).</summary>
public delegate ulong Batch(long iterations);

/// <summary>The benchmarked operations over the shared inputs; index i uses the same input on both sides.</summary>
internal static class Ops
{
    public static Dictionary<string, Batch> Create(Inputs inputs)
    {
        var felts = inputs.Felts;
        var keys = inputs.Keys;
        var msgs = inputs.Messages;
        var pubX = inputs.PublicX;
        var sigs = inputs.Signatures;
        var feltBytes = new byte[Inputs.FeltCount * 32];
        for (int i = 0; i < felts.Length; i++) felts[i].WriteBytesBE(feltBytes.AsSpan(i * 32, 32));
        const int fm = Inputs.FeltCount - 1, km = Inputs.KeyCount - 1;
        const int groups = Inputs.FeltCount / Inputs.ManyLength; // poseidon_many uses felts[10g .. 10g+10)
        long next = 0; // a running index, so consecutive batches keep cycling through the inputs
        Felt mulX = felts[0];
        Felt mulY = felts[1];

        return new Dictionary<string, Batch>(StringComparer.Ordinal)
        {
            ["pedersen"] = n =>
            {
                ulong acc = 0;
                for (long k = 0; k < n; k++, next++)
                {
                    int i = (int)(next & fm);
                    acc ^= Fold(Pedersen.Hash(felts[i], felts[(i + 1) & fm]));
                }
                return acc;
            },
            ["poseidon"] = n =>
            {
                ulong acc = 0;
                for (long k = 0; k < n; k++, next++)
                {
                    int i = (int)(next & fm);
                    acc ^= Fold(Poseidon.Hash(felts[i], felts[(i + 1) & fm]));
                }
                return acc;
            },
            ["poseidon_many"] = n =>
            {
                ulong acc = 0;
                for (long k = 0; k < n; k++, next++)
                {
                    int g = (int)(next % groups);
                    acc ^= Fold(Poseidon.HashMany(felts.AsSpan(g * Inputs.ManyLength, Inputs.ManyLength)));
                }
                return acc;
            },
            ["ecdsa_sign"] = n =>
            {
                ulong acc = 0;
                for (long k = 0; k < n; k++, next++)
                {
                    int i = (int)(next & km);
                    var sig = Ecdsa.Sign(keys[i], msgs[i]);
                    acc ^= Fold(sig.R) ^ Fold(sig.S);
                }
                return acc;
            },
            ["ecdsa_verify"] = n =>
            {
                ulong acc = 0;
                for (long k = 0; k < n; k++, next++)
                {
                    int i = (int)(next & km);
                    if (!Ecdsa.Verify(pubX[i], msgs[i], sigs[i].R, sigs[i].S))
                        throw new InvalidOperationException($"signature {i} did not verify");
                    acc++;
                }
                return acc;
            },
            ["public_key"] = n =>
            {
                ulong acc = 0;
                for (long k = 0; k < n; k++, next++)
                {
                    acc ^= Fold(Ecdsa.GetPublicKey(keys[(int)(next & km)]));
                }
                return acc;
            },
            ["keccak256"] = n =>
            {
                ulong acc = 0;
                Span<byte> digest = stackalloc byte[32];
                for (long k = 0; k < n; k++, next++)
                {
                    int i = (int)(next & fm);
                    Keccak256.Hash(feltBytes.AsSpan(i * 32, 32), digest);
                    acc ^= digest[0] | ((ulong)digest[31] << 8);
                }
                return acc;
            },
            ["felt_mul"] = n =>
            {
                // A dependent chain x = x·y: each multiplication waits for the previous one (latency, not throughput).
                Felt x = mulX, y = mulY;
                for (long k = 0; k < n; k++) x *= y;
                mulX = x;
                return Fold(x);
            },
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(Felt f)
    {
        f.ToLimbs(out var l0, out _, out _, out _);
        return l0;
    }
}

internal readonly record struct Result(string Op, double OpsPerSec, double UsPerOp, long Iterations, double Seconds)
{
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("op", Op);
            w.WriteString("impl", "cairn");
            w.WriteNumber("ops_per_sec", Math.Round(OpsPerSec, 3));
            w.WriteNumber("us_per_op", Math.Round(UsPerOp, 6));
            w.WriteNumber("ns_per_op", Math.Round(UsPerOp * 1000, 3));
            w.WriteNumber("iterations", Iterations);
            w.WriteNumber("seconds", Math.Round(Seconds, 4));
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}

internal static class Harness
{
    private const double TargetBatchSeconds = 0.010;

    public static ulong Sink;

    /// <summary>
    /// Warms <paramref name="op"/> up for at least <paramref name="warmupSeconds"/> (in ~10 ms batches, so its loop and
    /// callees are called often enough to be rejitted at tier 1), then times whole batches until
    /// <paramref name="seconds"/> have passed.
    /// </summary>
    public static Result Measure(string name, Batch op, double warmupSeconds, double seconds)
    {
        long batch = 1;
        ulong sink = 0;
        var total = Stopwatch.StartNew();
        // Warm-up, growing the batch until one takes about TargetBatchSeconds.
        do
        {
            long t0 = Stopwatch.GetTimestamp();
            sink ^= op(batch);
            double dt = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            if (dt < TargetBatchSeconds / 2) batch *= 2;
            else if (dt > TargetBatchSeconds * 2 && batch > 1) batch /= 2;
        }
        while (total.Elapsed.TotalSeconds < warmupSeconds);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long iterations = 0;
        long start = Stopwatch.GetTimestamp();
        double elapsed;
        do
        {
            sink ^= op(batch);
            iterations += batch;
            elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        while (elapsed < seconds);
        Sink ^= sink;
        return new Result(name, iterations / elapsed, elapsed * 1e6 / iterations, iterations, elapsed);
    }
}
