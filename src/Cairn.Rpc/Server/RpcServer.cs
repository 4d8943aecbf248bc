using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cairn.Rpc.Server;

/// <summary>
/// Maps the Starknet JSON-RPC 0.10 endpoints on an ASP.NET Core app:
/// POST <c>/rpc/v0_10</c> and <c>/</c> (JSON-RPC 2.0, single and batch), and WebSocket <c>/ws/rpc/v0_10</c>
/// (every method plus the subscriptions). Usage:
/// <code>
/// var app = WebApplication.CreateBuilder().Build();
/// app.UseWebSockets();
/// app.MapCairnRpc(backend);
/// await app.RunAsync("http://127.0.0.1:5050");
/// </code>
/// </summary>
public static class RpcServer
{
    public static RpcDispatcher MapCairnRpc(this IEndpointRouteBuilder app, INodeBackend backend, RpcServerOptions? options = null)
    {
        options ??= new RpcServerOptions();
        var logger = app.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Cairn.Rpc");
        var dispatcher = new RpcDispatcher(backend, logger);

        foreach (var path in options.HttpPaths)
        {
            app.MapPost(path, (HttpContext ctx) => HandleHttpAsync(ctx, dispatcher, options));
        }

        app.Map(options.WebSocketPath, async (HttpContext ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.Response.WriteAsync("expected a WebSocket upgrade", ctx.RequestAborted);
                return;
            }
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            var connection = new RpcWebSocketConnection(socket, dispatcher, options.MaxRequestBytes);
            await connection.RunAsync(ctx.RequestAborted);
        });
        return dispatcher;
    }

    private static async Task HandleHttpAsync(HttpContext ctx, RpcDispatcher dispatcher, RpcServerOptions options)
    {
        var body = await ReadBodyAsync(ctx.Request, options.MaxRequestBytes, ctx.RequestAborted);
        byte[]? answer;
        if (body is null)
        {
            answer = RpcDispatcher.ErrorResponse(null, RpcErrorCode.InvalidRequest, null,
                System.Text.Json.Nodes.JsonValue.Create($"request larger than {options.MaxRequestBytes} bytes"));
        }
        else
        {
            answer = await dispatcher.HandleAsync(body, null, ctx.RequestAborted);
        }
        if (answer is null)
        {
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = answer.Length;
        await ctx.Response.Body.WriteAsync(answer, ctx.RequestAborted);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength is > 0 and var length && length <= max)
        {
            var exact = new byte[length];
            var read = 0;
            while (read < exact.Length)
            {
                var n = await request.Body.ReadAsync(exact.AsMemory(read), ct);
                if (n == 0) break;
                read += n;
            }
            return read == exact.Length ? exact : exact[..read];
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var n = await request.Body.ReadAsync(buffer.GetMemory(8192), ct);
            if (n == 0) break;
            buffer.Advance(n);
            if (buffer.WrittenCount > max) return null;
        }
        return buffer.WrittenSpan.ToArray();
    }
}
