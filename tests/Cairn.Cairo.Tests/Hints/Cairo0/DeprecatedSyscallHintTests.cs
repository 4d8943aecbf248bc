using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

public sealed class DeprecatedSyscallHintTests
{
    private sealed class RecordingHandler : ISyscallHintHandler
    {
        public List<Relocatable> Calls { get; } = [];

        public void ExecuteSyscall(HintContext context, Relocatable syscallPtr) => Calls.Add(syscallPtr);
    }

    [Fact]
    public void Syscall_hints_hand_the_pointer_to_the_handler()
    {
        var t = new HintTester();
        var syscalls = t.Memory.AddSegment();
        t.PointerRef("syscall_ptr", "felt*", -3, syscalls.Add(4));
        var handler = new RecordingHandler();
        t.Context.SyscallHandler = handler;
        foreach (var name in DeprecatedSyscallHints.Names) t.Run(DeprecatedSyscallHints.Code(name));
        Assert.Equal(18, handler.Calls.Count);
        Assert.All(handler.Calls, p => Assert.Equal(syscalls.Add(4), p));
        Assert.True(Cairo0HintRegistry.Default.Contains("syscall_handler.storage_read(segments=segments, syscall_ptr=ids.syscall_ptr)"));

        t.Context.SyscallHandler = null;
        Assert.Contains("no syscall handler", t.Fails(DeprecatedSyscallHints.Code("storage_write")).Message);
    }
}
