using System.Text.Json;

namespace Cairn.Rpc.Server;

/// <summary>One call being served: its method, its parameters resolved by position, the backend, and the WebSocket connection if any.</summary>
public sealed class RpcCall
{
    private readonly JsonElement?[] _params;

    internal RpcCall(RpcMethod method, JsonElement?[] parameters, INodeBackend backend, RpcWebSocketConnection? connection, CancellationToken cancellationToken)
    {
        Method = method;
        _params = parameters;
        Backend = backend;
        Connection = connection;
        CancellationToken = cancellationToken;
    }

    public RpcMethod Method { get; }

    public INodeBackend Backend { get; }

    /// <summary>The WebSocket connection the call came on (null over HTTP).</summary>
    public RpcWebSocketConnection? Connection { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Whether parameter <paramref name="index"/> was given (and is not null).</summary>
    public bool Has(int index) => _params[index] is { ValueKind: not JsonValueKind.Null };

    /// <summary>Parameter <paramref name="index"/> (required ones are checked before the handler runs).</summary>
    public JsonElement this[int index] =>
        _params[index] is { ValueKind: not JsonValueKind.Null } e ? e : throw new RpcParamException($"missing parameter '{Method.ParamNames[index]}'");

    public string Name(int index) => Method.ParamNames[index];

    /// <summary>Reads parameter <paramref name="index"/> with a <see cref="ParamReader"/> function, naming it in errors.</summary>
    public T Get<T>(int index, Func<JsonElement, string, T> read) => read(this[index], Name(index));

    /// <summary>Like <see cref="Get{T}"/>, or <paramref name="fallback"/> when absent.</summary>
    public T GetOr<T>(int index, Func<JsonElement, string, T> read, T fallback) => Has(index) ? read(this[index], Name(index)) : fallback;
}
