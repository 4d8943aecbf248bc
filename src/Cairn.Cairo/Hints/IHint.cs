namespace Cairn.Cairo.Hints;

/// <summary>
/// A hint compiled for one pc (cairo-vm.md §7.1): runs every time execution reaches that pc,
/// before the instruction there is decoded. Cairo 0 hints are resolved from their exact code
/// string at load time; Cairo 1 hints from their typed JSON form.
/// </summary>
public interface IHint
{
    /// <summary>Runs the hint. Failures throw <see cref="HintException"/> (or a memory error).</summary>
    void Execute(HintContext context);
}
