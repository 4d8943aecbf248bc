namespace Cairn.Cairo.Builder;

/// <summary>
/// A code position of a <see cref="CasmBuilder"/>. Jumps may refer to it before it is bound
/// (<see cref="CasmBuilder.Bind"/>); the offsets are patched at <see cref="CasmBuilder.Build"/>.
/// </summary>
public sealed class Label
{
    internal Label(CasmBuilder owner, string name, bool anonymous)
    {
        Owner = owner;
        Name = name;
        Anonymous = anonymous;
    }

    /// <summary>The name (becomes the identifier <c>__main__.NAME</c> unless generated).</summary>
    public string Name { get; }

    /// <summary>The pc in the builder's body (before any proof-mode start code), once bound.</summary>
    public int? Pc { get; internal set; }

    internal CasmBuilder Owner { get; }

    internal bool Anonymous { get; }

    /// <summary>True when the label starts a function.</summary>
    internal bool IsFunction { get; set; }

    /// <summary>The ap states of jumps seen before the label was bound: (group, ap change, where).</summary>
    internal List<(int Group, int ApChange, string Where)> Incoming { get; } = [];

    /// <summary>The ap state at binding.</summary>
    internal (int Group, int ApChange) BoundState { get; set; }

    /// <summary>True when ap tracking restarted at this label: any ap is then fine for a jump back to it.</summary>
    internal bool BoundFresh { get; set; }

    /// <summary>True once a jump or call refers to the label.</summary>
    internal bool Referenced { get; set; }

    public override string ToString() => Name;
}
