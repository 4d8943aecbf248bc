namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>Which enum of starkware-libs/cairo <c>cairo-lang-casm/src/hints/mod.rs</c> a hint belongs to.</summary>
public enum Cairo1HintFamily
{
    /// <summary><c>CoreHint</c>.</summary>
    Core,

    /// <summary><c>DeprecatedHint</c> (classes compiled by old compilers).</summary>
    Deprecated,

    /// <summary><c>StarknetHint</c> (syscalls, cheatcodes).</summary>
    Starknet,

    /// <summary><c>ExternalHint</c> (Cairo 1 executables only; never valid in a Starknet class).</summary>
    External,
}
