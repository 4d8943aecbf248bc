namespace Cairn.Rpc.Server;

/// <summary>Options of the RPC endpoints.</summary>
public sealed record RpcServerOptions
{
    /// <summary>The HTTP paths answering JSON-RPC POSTs.</summary>
    public IReadOnlyList<string> HttpPaths { get; init; } = ["/rpc/v0_10", "/"];

    /// <summary>The WebSocket path.</summary>
    public string WebSocketPath { get; init; } = "/ws/rpc/v0_10";

    /// <summary>The largest request body accepted (a DECLARE with a big class is several MB).</summary>
    public int MaxRequestBytes { get; init; } = 64 << 20;
}
