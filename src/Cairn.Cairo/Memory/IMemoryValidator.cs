namespace Cairn.Cairo.Memory;

/// <summary>
/// A validation rule attached to a segment (e.g. range_check's bound): runs on every write into the
/// segment and throws <see cref="MemoryException"/> when the value is not allowed. Spec: §1.5.
/// </summary>
public interface IMemoryValidator
{
    void Validate(VmMemory memory, Relocatable address, in MaybeRelocatable value);
}
