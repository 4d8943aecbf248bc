namespace Cairn.Execution.Calls;

/// <summary>A normal call runs in the callee's storage; a delegate (library) call in the caller's.</summary>
public enum CallType
{
    Call,
    Delegate,
}
