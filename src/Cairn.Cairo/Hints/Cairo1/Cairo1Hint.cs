namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// A typed Cairo 1 (CASM) hint (cairo-vm.md §7.2). Records compare by value, so parsed hints can be
/// checked against expected ones. <see cref="VariantName"/> is the JSON variant name.
/// </summary>
public abstract record Cairo1Hint : IHint
{
    /// <summary>The serde variant name, e.g. <c>"TestLessThan"</c>.</summary>
    public abstract string VariantName { get; }

    /// <summary>The family: Core, Deprecated, Starknet or External.</summary>
    public abstract Cairo1HintFamily Family { get; }

    public abstract void Execute(HintContext context);
}
