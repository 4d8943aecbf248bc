using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Cairn.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g.
/// <c>dotnet run -c Release --project bench/Cairn.Benchmarks -- --filter '*Felt*' --job short</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        // The generated benchmark project is built once per run; on a busy 2-core machine that can take longer than
        // BenchmarkDotNet's default of 2 minutes.
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
}
