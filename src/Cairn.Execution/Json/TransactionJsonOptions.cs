namespace Cairn.Execution.Json;

/// <summary>How strictly <see cref="TransactionJson"/> reads a transaction.</summary>
public sealed record TransactionJsonOptions
{
    /// <summary>Only what a client may broadcast in RPC 0.10: INVOKE, DECLARE and DEPLOY_ACCOUNT v3.</summary>
    public static TransactionJsonOptions Broadcasted { get; } = new();

    /// <summary>Every transaction shape of RPC 0.10 (legacy versions, L1_HANDLER, DEPLOY), as read when syncing history.</summary>
    public static TransactionJsonOptions AnyVersion { get; } = new() { AllowLegacy = true, AllowMissingL1DataGas = true };

    /// <summary>Accept INVOKE v0/v1, DECLARE v0–v2, DEPLOY_ACCOUNT v1, L1_HANDLER and DEPLOY.</summary>
    public bool AllowLegacy { get; init; }

    /// <summary>
    /// Accept v3 resource bounds without <c>l1_data_gas</c> (historical, pre-0.13.3 transactions; hashed with
    /// two bounds). The RPC schema requires the field, so broadcast transactions must carry it.
    /// </summary>
    public bool AllowMissingL1DataGas { get; init; }
}
