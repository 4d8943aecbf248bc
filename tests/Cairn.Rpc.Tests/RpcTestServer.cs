using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cairn.Rpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cairn.Rpc.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 (port 0) serving the RPC over a <see cref="FakeBackend"/>, and a client.</summary>
public sealed class RpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RpcTestServer(WebApplication app, FakeBackend backend, Uri baseAddress)
    {
        _app = app;
        Backend = backend;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public FakeBackend Backend { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static async Task<RpcTestServer> StartAsync(FakeBackend? backend = null)
    {
        backend ??= new FakeBackend();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapCairnRpc(backend);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RpcTestServer(app, backend, new Uri(address));
    }

    /// <summary>POSTs raw text to <paramref name="path"/>; returns the status and the body.</summary>
    public async Task<(int Status, string Body)> PostRawAsync(string body, string path = "/rpc/v0_10")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends one request with named params (an object) or positional ones (an array); returns the whole response.</summary>
    public async Task<JsonElement> CallAsync(string method, object? parameters = null, string path = "/rpc/v0_10")
    {
        var request = new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method };
        if (parameters is not null) request["params"] = parameters;
        var (status, body) = await PostRawAsync(JsonSerializer.Serialize(request), path);
        Assert.Equal(200, status);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    /// <summary>The <c>result</c> of a call that must succeed.</summary>
    public async Task<JsonElement> ResultAsync(string method, object? parameters = null)
    {
        var response = await CallAsync(method, parameters);
        if (response.TryGetProperty("error", out var error)) Assert.Fail($"{method} failed: {error}");
        return response.GetProperty("result");
    }

    /// <summary>The <c>error</c> of a call that must fail.</summary>
    public async Task<JsonElement> ErrorAsync(string method, object? parameters = null)
    {
        var response = await CallAsync(method, parameters);
        Assert.False(response.TryGetProperty("result", out _), $"{method} should fail: {response}");
        return response.GetProperty("error");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
