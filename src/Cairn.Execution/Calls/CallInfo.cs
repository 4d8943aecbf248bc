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
