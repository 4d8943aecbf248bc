namespace Cairn.Execution.Fees;

/// <summary>
/// Cairo VM resources: steps and builtin instances by name (<c>range_check</c>, <c>pedersen</c>, …; a
/// <c>_builtin</c> suffix is dropped). Mutable accumulator for the resources of a transaction.
/// </summary>
public sealed class VmResources
{
    private readonly Dictionary<string, long> _builtins = new(StringComparer.Ordinal);

    public long Steps { get; set; }

    public IReadOnlyDictionary<string, long> Builtins => _builtins;

    public long Builtin(string name) => _builtins.TryGetValue(Normalize(name), out var n) ? n : 0;

    public VmResources AddBuiltin(string name, long count)
    {
        if (count == 0) return this;
        string key = Normalize(name);
        _builtins[key] = (_builtins.TryGetValue(key, out var n) ? n : 0) + count;
        return this;
    }

    /// <summary>Adds <paramref name="other"/> times <paramref name="factor"/>, each component rounded up after division by <paramref name="divisor"/>.</summary>
    public VmResources Add(VmResources other, long factor = 1, long divisor = 1)
    {
        Steps += DivCeil(other.Steps * factor, divisor);
        foreach (var (name, n) in other._builtins) AddBuiltin(name, DivCeil(n * factor, divisor));
        return this;
    }

    public VmResources Clone() => new VmResources().Add(this);

    private static long DivCeil(long a, long b) => (a + b - 1) / b;

    private static string Normalize(string name) => name.EndsWith("_builtin", StringComparison.Ordinal) ? name[..^8] : name;

    public override string ToString() => $"{Steps} steps" + string.Concat(_builtins.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $", {b.Value} {b.Key}"));
}
