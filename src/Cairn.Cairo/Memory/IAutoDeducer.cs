namespace Cairn.Cairo.Memory;

/// <summary>
/// A builtin's auto-deduction rule for its segment (cairo-vm.md §2.6, §4): given an address whose
/// cell is unknown, computes its value from the other cells of the instance, or declines (returns
/// false) when the address is an input cell or the inputs are not all present. Invalid inputs
/// throw <see cref="MemoryException"/>.
/// </summary>
public interface IAutoDeducer
{
    bool TryDeduce(VmMemory memory, Relocatable address, out MaybeRelocatable value);
}
