using Cairn.Cairo.Programs;
using Cairn.Execution.Calls;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Transactions;

namespace Cairn.Rpc.Json;

/// <summary>The RPC spellings of Cairn's enums (starknet.md §10.2).</summary>
public static class RpcEnums
{
    public static string TxType(TransactionType t) => t switch
    {
        TransactionType.Invoke => "INVOKE",
        TransactionType.Declare => "DECLARE",
        TransactionType.DeployAccount => "DEPLOY_ACCOUNT",
        TransactionType.L1Handler => "L1_HANDLER",
        _ => "DEPLOY",
    };

    public static string DaMode(DataAvailabilityMode m) => m == DataAvailabilityMode.L1 ? "L1" : "L2";

    public static string Unit(FeeUnit u) => u == FeeUnit.Wei ? "WEI" : "FRI";

    public static string Execution(ExecutionStatus s) => s == ExecutionStatus.Succeeded ? "SUCCEEDED" : "REVERTED";

    public static string Finality(RpcFinalityStatus s) => s switch
    {
        RpcFinalityStatus.PreConfirmed => "PRE_CONFIRMED",
        RpcFinalityStatus.AcceptedOnL2 => "ACCEPTED_ON_L2",
        _ => "ACCEPTED_ON_L1",
    };

    public static string TxStatus(RpcTransactionStatus s) => s switch
    {
        RpcTransactionStatus.Received => "RECEIVED",
        RpcTransactionStatus.Candidate => "CANDIDATE",
        RpcTransactionStatus.PreConfirmed => "PRE_CONFIRMED",
        RpcTransactionStatus.AcceptedOnL2 => "ACCEPTED_ON_L2",
        _ => "ACCEPTED_ON_L1",
    };

    public static RpcTransactionStatus? ParseTxStatus(string s) => s switch
    {
        "RECEIVED" => RpcTransactionStatus.Received,
        "CANDIDATE" => RpcTransactionStatus.Candidate,
        "PRE_CONFIRMED" => RpcTransactionStatus.PreConfirmed,
        "ACCEPTED_ON_L2" => RpcTransactionStatus.AcceptedOnL2,
        "ACCEPTED_ON_L1" => RpcTransactionStatus.AcceptedOnL1,
        _ => null,
    };

    public static RpcTransactionStatus ToTxStatus(RpcFinalityStatus s) => s switch
    {
        RpcFinalityStatus.PreConfirmed => RpcTransactionStatus.PreConfirmed,
        RpcFinalityStatus.AcceptedOnL2 => RpcTransactionStatus.AcceptedOnL2,
        _ => RpcTransactionStatus.AcceptedOnL1,
    };

    public static string BlockStatus(RpcBlockStatus s) => s switch
    {
        RpcBlockStatus.PreConfirmed => "PRE_CONFIRMED",
        RpcBlockStatus.AcceptedOnL2 => "ACCEPTED_ON_L2",
        _ => "ACCEPTED_ON_L1",
    };

    public static string L1DaMode(RpcL1DaMode m) => m == RpcL1DaMode.Blob ? "BLOB" : "CALLDATA";

    public static string EntryPoint(EntryPointType t) => t switch
    {
        EntryPointType.External => "EXTERNAL",
        EntryPointType.L1Handler => "L1_HANDLER",
        _ => "CONSTRUCTOR",
    };

    /// <summary>Cairo 1 library calls are LIBRARY_CALL (DELEGATE is Cairo 0's delegate call).</summary>
    public static string Call(CallType t) => t == CallType.Call ? "CALL" : "LIBRARY_CALL";
}
