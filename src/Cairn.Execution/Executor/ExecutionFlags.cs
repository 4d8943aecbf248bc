namespace Cairn.Execution.Executor;

/// <summary>The simulation flags of <c>starknet_simulateTransactions</c> / <c>starknet_estimateFee</c>.</summary>
[Flags]
public enum ExecutionFlags
{
    None = 0,

    /// <summary>Do not run <c>__validate__</c>.</summary>
    SkipValidate = 1,

    /// <summary>Do not check the resource bounds against a fee nor transfer it.</summary>
    SkipFeeCharge = 2,
}
