namespace Cairn.Cairo.Hints;

using Cairn.Cairo.Memory;

/// <summary>
/// Executes the syscall whose request starts at <paramref name="syscallPtr"/> (Cairo 1
/// <c>SystemCall</c> hint, cairo-vm.md §8). Implemented by the contract runner's handlers.
/// </summary>
public interface ISyscallHintHandler
{
    void ExecuteSyscall(HintContext context, Relocatable syscallPtr);
}
