namespace Cairn.Cairo.Layouts;

/// <summary>
/// Which reference VM's layout constants to use where they differ (starknet pmf, all_cairo
/// rc_units; cairo-vm.md §5): they change only how many padding steps proof mode adds.
/// </summary>
public enum LayoutVariant
{
    /// <summary>starkware-libs/cairo-lang (what <c>cairo-run</c> writes).</summary>
    CairoLang,

    /// <summary>lambdaclass/cairo-vm (the Rust-based proving pipelines).</summary>
    LambdaclassCairoVm,
}
