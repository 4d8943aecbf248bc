namespace Cairn.Execution.Calls;

/// <summary>What a call's computation is charged by (blockifier <c>TrackedResource</c>).</summary>
public enum TrackedResource
{
    SierraGas,
    CairoSteps,
}
