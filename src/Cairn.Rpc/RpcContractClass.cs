using Cairn.Execution.Classes;

namespace Cairn.Rpc;

/// <summary>
/// A class as <c>starknet_getClass</c> serves it: a Sierra class (written as RPC <c>CONTRACT_CLASS</c>), or any class
/// JSON in the RPC shape served verbatim (<c>DEPRECATED_CONTRACT_CLASS</c>, or a stored Sierra class document).
/// Exactly one of the two is set; <see cref="Json"/> wins when both are.
/// </summary>
public sealed record RpcContractClass
{
    public SierraContractClass? Sierra { get; init; }

    /// <summary>The class JSON exactly as to be served (one JSON value).</summary>
    public string? Json { get; init; }

    public static RpcContractClass FromSierra(SierraContractClass sierra) => new() { Sierra = sierra };

    public static RpcContractClass FromJson(string json) => new() { Json = json };
}
