namespace Cairn.Rpc.Tests;

/// <summary>One server per test class (the fake backend is read-mostly).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private RpcTestServer? _server;

    public RpcTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await RpcTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
