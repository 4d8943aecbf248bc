namespace Cairn.Cairo.Instructions;

/// <summary>How pc changes after the step (PC_UPDATE).</summary>
public enum PcUpdate : byte
{
    Regular,
    Jump,
    JumpRel,
    Jnz,
}
