using System.Diagnostics;
using System.Reflection;

namespace Cairn.Crypto.Tests;

/// <summary>
/// A fact that needs the code under test compiled with optimizations: in a Debug build the JIT runs
/// without them, and then <c>ReadOnlySpan&lt;ulong&gt; x = [constants]</c> calls
/// <c>RuntimeHelpers.CreateSpan</c>, which allocates a field-info stub on every call. Release builds
/// (CI, benchmarks) run these tests; Debug builds report them as skipped, with this reason.
/// </summary>
public sealed class OptimizedFactAttribute : FactAttribute
{
    public OptimizedFactAttribute()
    {
        var debuggable = typeof(Crypto.Hashing.Pedersen).Assembly.GetCustomAttribute<DebuggableAttribute>();
        if (debuggable?.IsJITOptimizerDisabled == true)
        {
            Skip = "needs an optimized (Release) build of Cairn.Crypto: unoptimized code allocates in RuntimeHelpers.CreateSpan";
        }
    }
}
