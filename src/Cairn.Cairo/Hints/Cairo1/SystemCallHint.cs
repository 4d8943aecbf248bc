namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>SystemCall {system}</c>: executes the syscall whose request starts at the address <c>system</c>
/// evaluates to, through <see cref="HintContext.SyscallHandler"/> (cairo-vm.md §8).
/// </summary>
public sealed record SystemCallHint(ResOperand System) : Cairo1Hint
{
    public override string VariantName => "SystemCall";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Starknet;

    public override void Execute(HintContext context)
    {
        var handler = context.SyscallHandler ?? throw new HintException("SystemCall hint: no syscall handler is installed in the hint context");
        handler.ExecuteSyscall(context, System.GetAddress(context));
    }
}
