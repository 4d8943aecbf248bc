namespace Cairn.Rpc;

/// <summary>RPC <c>SIMULATION_FLAG</c> / <c>SIMULATION_FLAG_FOR_ESTIMATE_FEE</c>.</summary>
[Flags]
public enum SimulationFlags
{
    None = 0,
    SkipValidate = 1,
    SkipFeeCharge = 2,

    /// <summary>Return the state values read (trace API's <c>initial_reads</c>).</summary>
    ReturnInitialReads = 4,
}
