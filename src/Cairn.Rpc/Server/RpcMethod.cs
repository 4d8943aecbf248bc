namespace Cairn.Rpc.Server;

/// <summary>
/// A method of the table: its parameter names in positional order (a trailing <c>?</c> marks an optional one),
/// whether it needs a WebSocket connection (subscriptions), and its handler.
/// </summary>
public sealed class RpcMethod
{
    public RpcMethod(string name, string[] parameters, RpcHandler handler, bool webSocketOnly = false)
    {
        Name = name;
        ParamNames = parameters.Select(p => p.TrimEnd('?')).ToArray();
        Required = parameters.Select(p => !p.EndsWith('?')).ToArray();
        Handler = handler;
        WebSocketOnly = webSocketOnly;
    }

    public string Name { get; }

    public string[] ParamNames { get; }

    public bool[] Required { get; }

    public RpcHandler Handler { get; }

    public bool WebSocketOnly { get; }
}
