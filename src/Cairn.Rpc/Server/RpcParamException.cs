namespace Cairn.Rpc.Server;

/// <summary>A bad request parameter: answered as -32602 Invalid params with the message (naming the parameter) as data.</summary>
public sealed class RpcParamException(string message) : Exception(message);
