namespace Cairn.Cairo.Instructions;

/// <summary>How fp changes after the step; implied by the opcode (call: ap + 2, ret: dst).</summary>
public enum FpUpdate : byte
{
    Regular,
    ApPlus2,
    Dst,
}
