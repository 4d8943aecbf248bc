namespace Cairn.Rpc.Server;

/// <summary>The full method table: Starknet read/write/trace/executables, WebSocket subscriptions, dev_* and cairn_*.</summary>
public static class RpcMethods
{
    /// <summary>The JSON-RPC spec version this server implements (starknet.js accepts exactly 0.9.0, 0.10.0, 0.10.2, 0.10.3).</summary>
    public const string SpecVersion = "0.10.2";

    public static IEnumerable<RpcMethod> All() =>
        StarknetMethods.All().Concat(SubscriptionMethods.All()).Concat(DevMethods.All()).Concat(CairnMethods.All());
}
