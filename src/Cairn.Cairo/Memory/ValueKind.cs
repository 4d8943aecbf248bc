namespace Cairn.Cairo.Memory;

/// <summary>What a <see cref="MaybeRelocatable"/> holds. <see cref="None"/> marks an unset memory cell.</summary>
public enum ValueKind : byte
{
    None,
    Felt,
    Relocatable,
}
