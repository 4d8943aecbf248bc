using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// One Cairo 0 dictionary (cairo-lang common/dict.py <c>DictTracker</c>): its current contents and the
/// pointer to the end of its access log. A default dictionary answers missing keys with
/// <see cref="DefaultValue"/> (and, like Python's defaultdict, remembers them).
/// </summary>
public sealed class DictTracker(Relocatable currentPtr, Dictionary<MaybeRelocatable, MaybeRelocatable> data, MaybeRelocatable? defaultValue)
{
    public Dictionary<MaybeRelocatable, MaybeRelocatable> Data { get; } = data;

    public MaybeRelocatable? DefaultValue { get; } = defaultValue;

    public Relocatable CurrentPtr { get; set; } = currentPtr;

    /// <summary><c>data[key]</c>.</summary>
    public MaybeRelocatable Read(MaybeRelocatable key)
    {
        if (Data.TryGetValue(key, out var v)) return v;
        if (DefaultValue is { } d)
        {
            Data[key] = d;
            return d;
        }
        throw new HintException($"Dict Error: No value found for key: {key}");
    }
}
