using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Calls;

/// <summary>
/// The outcome of one call and everything under it — the call tree of a transaction trace: return
/// data (panic data when failed), gas, events and messages it emitted itself, inner calls, and the
/// VM resources of this call alone.
/// </summary>
public sealed class CallInfo
{
    public CallInfo(CallRequest request, ClassHash classHash)
    {
        Request = request;
        ClassHash = classHash;
    }

    public CallRequest Request { get; }

    /// <summary>The class whose code ran.</summary>
    public ClassHash ClassHash { get; }

    public IReadOnlyList<Felt> Retdata { get; internal set; } = [];

    public bool Failed { get; internal set; }

    public ulong GasConsumed { get; internal set; }

    public long Steps { get; internal set; }

    public IReadOnlyDictionary<string, int> BuiltinInstances { get; internal set; } = new Dictionary<string, int>();

    /// <summary>How this call's computation is charged: by its Sierra gas, or by its VM resources.</summary>
    public TrackedResource TrackedResource { get; internal set; }

    /// <summary>The syscalls this call made itself (their OS resources are charged for calls tracked in Cairo steps).</summary>
    public IReadOnlyDictionary<Cairn.Cairo.Syscalls.SyscallSelector, Cairn.Cairo.Syscalls.SyscallUsage> SyscallUsage { get; internal set; } =
        new Dictionary<Cairn.Cairo.Syscalls.SyscallSelector, Cairn.Cairo.Syscalls.SyscallUsage>();

    /// <summary>The Sierra gas of this call alone: its consumption minus that of its inner calls.</summary>
    public ulong OwnGasConsumed
    {
        get
        {
            ulong inner = 0;
            foreach (var c in InnerCalls) inner += c.GasConsumed;
            return GasConsumed > inner ? GasConsumed - inner : 0;
        }
    }

    public List<OrderedEvent> Events { get; } = [];

    public List<OrderedMessage> Messages { get; } = [];

    public List<CallInfo> InnerCalls { get; } = [];

    /// <summary>This call and its inner calls, depth first (pre-order).</summary>
    public IEnumerable<CallInfo> Flatten()
    {
        yield return this;
        foreach (var inner in InnerCalls)
        {
            foreach (var c in inner.Flatten()) yield return c;
        }
    }
}
