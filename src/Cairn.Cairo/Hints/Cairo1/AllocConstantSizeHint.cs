namespace Cairn.Cairo.Hints.Cairo1;

/// <summary><c>AllocConstantSize {size, dst}</c>: <c>[dst]</c> = an address followed by <c>size</c> free cells (<see cref="ConstantSizeAllocatorState"/>).</summary>
public sealed record AllocConstantSizeHint(ResOperand Size, CellRef Dst) : Cairo1Hint
{
    public override string VariantName => "AllocConstantSize";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        int size = HintMath.ToInt(Size.GetFelt(context), "Object size");
        HintMath.Write(context, Dst, context.GetState<ConstantSizeAllocatorState>().Allocate(context.Memory, size));
    }
}
