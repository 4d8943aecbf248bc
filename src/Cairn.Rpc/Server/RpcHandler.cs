using System.Text.Json;

namespace Cairn.Rpc.Server;

/// <summary>Runs one call and writes its <c>result</c> value (exactly one JSON value) to the writer, or throws.</summary>
public delegate ValueTask RpcHandler(RpcCall call, Utf8JsonWriter result);
