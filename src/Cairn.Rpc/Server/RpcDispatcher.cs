using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Execution.Executor;
using Cairn.Execution.Json;
using Microsoft.Extensions.Logging;

namespace Cairn.Rpc.Server;

/// <summary>
/// JSON-RPC 2.0 over a method table: single requests and batches (run concurrently, answered in order), named
/// (object) and positional (array) params, notifications (no <c>id</c>: no answer), and the errors -32700 (parse),
/// -32600 (invalid request), -32601 (unknown method), -32602 (invalid params, with a data string naming the
/// parameter) and the Starknet errors <c>{code, message, data}</c> raised by the backend.
/// </summary>
public sealed class RpcDispatcher
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };

    private readonly Dictionary<string, RpcMethod> _methods = new(StringComparer.Ordinal);
    private readonly INodeBackend _backend;
    private readonly ILogger? _logger;

    public RpcDispatcher(INodeBackend backend, ILogger? logger = null, IEnumerable<RpcMethod>? methods = null)
    {
        _backend = backend;
        _logger = logger;
        foreach (var m in methods ?? RpcMethods.All()) _methods[m.Name] = m;
    }

    public INodeBackend Backend => _backend;

    public IReadOnlyCollection<string> MethodNames => _methods.Keys;

    /// <summary>
    /// Answers a request body: the response bytes, or null when nothing is to be sent back (only notifications).
    /// </summary>
    public async ValueTask<byte[]?> HandleAsync(ReadOnlyMemory<byte> body, RpcWebSocketConnection? connection, CancellationToken cancellationToken)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            return ErrorResponse(null, RpcErrorCode.ParseError, null, JsonValue.Create(e.Message));
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array) return await HandleOneAsync(root, connection, cancellationToken);
            if (root.GetArrayLength() == 0)
                return ErrorResponse(null, RpcErrorCode.InvalidRequest, null, JsonValue.Create("empty batch"));

            var tasks = new List<Task<byte[]?>>(root.GetArrayLength());
            // The handlers are mostly synchronous: run each item on the pool so a batch is served in parallel.
            foreach (var item in root.EnumerateArray()) tasks.Add(Task.Run(() => HandleOneAsync(item, connection, cancellationToken).AsTask(), cancellationToken));
            var answers = await Task.WhenAll(tasks);
            if (answers.All(a => a is null)) return null;
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartArray();
                foreach (var a in answers)
                {
                    if (a is not null) w.WriteRawValue(a, skipInputValidation: true);
                }
                w.WriteEndArray();
            }
            return buffer.WrittenSpan.ToArray();
        }
    }

    private async ValueTask<byte[]?> HandleOneAsync(JsonElement request, RpcWebSocketConnection? connection, CancellationToken cancellationToken)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return ErrorResponse(null, RpcErrorCode.InvalidRequest, null, JsonValue.Create("a request must be a JSON object"));

        JsonElement? id = null;
        if (request.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                return ErrorResponse(null, RpcErrorCode.InvalidRequest, null, JsonValue.Create("id must be a string, a number or null"));
            id = idElement;
        }
        var isNotification = id is null;

        if (!request.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            return ErrorResponse(id, RpcErrorCode.InvalidRequest, null, JsonValue.Create("jsonrpc must be \"2.0\""));
        if (!request.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            return ErrorResponse(id, RpcErrorCode.InvalidRequest, null, JsonValue.Create("method must be a string"));

        var name = methodElement.GetString()!;
        if (!_methods.TryGetValue(name, out var method))
            return isNotification ? null : ErrorResponse(id, RpcErrorCode.MethodNotFound, null, JsonValue.Create($"unknown method '{name}'"));
        if (method.WebSocketOnly && connection is null)
            return isNotification ? null : ErrorResponse(id, RpcErrorCode.MethodNotFound, null, JsonValue.Create($"{name} is served over WebSocket only (/ws/rpc/v0_10)"));

        JsonElement?[] parameters;
        try
        {
            parameters = BindParams(method, request);
        }
        catch (RpcParamException e)
        {
            return isNotification ? null : ErrorResponse(id, RpcErrorCode.InvalidParams, null, JsonValue.Create(e.Message));
        }
        catch (InvalidRequestException e)
        {
            return ErrorResponse(id, RpcErrorCode.InvalidRequest, null, JsonValue.Create(e.Message));
        }

        var result = new ArrayBufferWriter<byte>();
        try
        {
            using (var w = new Utf8JsonWriter(result))
            {
                await method.Handler(new RpcCall(method, parameters, _backend, connection, cancellationToken), w);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            if (isNotification) return null;
            var (code, message, data) = MapException(e, name);
            return ErrorResponse(id, code, message, data);
        }

        if (isNotification) return null;
        var buffer = new ArrayBufferWriter<byte>(result.WrittenCount + 64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WritePropertyName("id");
            id!.Value.WriteTo(w);
            w.WritePropertyName("result");
            w.WriteRawValue(result.WrittenSpan, skipInputValidation: true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static JsonElement?[] BindParams(RpcMethod method, JsonElement request)
    {
        var bound = new JsonElement?[method.ParamNames.Length];
        if (request.TryGetProperty("params", out var p))
        {
            switch (p.ValueKind)
            {
                case JsonValueKind.Array:
                    if (p.GetArrayLength() > bound.Length)
                        throw new RpcParamException($"{method.Name} takes at most {bound.Length} parameter(s), got {p.GetArrayLength()}");
                    var i = 0;
                    foreach (var item in p.EnumerateArray()) bound[i++] = item;
                    break;
                case JsonValueKind.Object:
                    foreach (var prop in p.EnumerateObject())
                    {
                        var index = Array.IndexOf(method.ParamNames, prop.Name);
                        if (index < 0)
                            throw new RpcParamException($"unknown parameter '{prop.Name}' (expected: {(method.ParamNames.Length == 0 ? "none" : string.Join(", ", method.ParamNames))})");
                        bound[index] = prop.Value;
                    }
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    throw new InvalidRequestException("params must be an array or an object");
            }
        }
        for (var i = 0; i < bound.Length; i++)
        {
            if (method.Required[i] && bound[i] is not { ValueKind: not JsonValueKind.Null })
                throw new RpcParamException($"missing parameter '{method.ParamNames[i]}'");
        }
        return bound;
    }

    private (int Code, string? Message, JsonNode? Data) MapException(Exception e, string method)
    {
        switch (e)
        {
            case RpcBackendException b:
                return (b.Code, b.Message, b.Data);
            case RpcParamException p:
                return (RpcErrorCode.InvalidParams, null, JsonValue.Create(p.Message));
            case JsonInputException j:
                return (RpcErrorCode.InvalidParams, null, JsonValue.Create(j.Message));
            case TransactionRejectedException r:
                var mapped = RpcBackendException.FromRejection(r);
                return (mapped.Code, mapped.Message, mapped.Data);
            case ContractCallException c:
                return (RpcErrorCode.ContractError, null, new JsonObject { ["revert_error"] = c.Message });
            default:
                _logger?.LogError(e, "{Method} failed", method);
                return (RpcErrorCode.UnexpectedError, null, JsonValue.Create(e.Message));
        }
    }

    /// <summary>An error response object (also used by the WebSocket layer).</summary>
    public static byte[] ErrorResponse(JsonElement? id, int code, string? message, JsonNode? data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WritePropertyName("id");
            if (id is { } i) i.WriteTo(w);
            else w.WriteNullValue();
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message ?? RpcErrorCode.MessageOf(code));
            if (data is not null)
            {
                w.WritePropertyName("data");
                data.WriteTo(w);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class InvalidRequestException(string message) : Exception(message);
}
