using Cairn.Primitives;

namespace Cairn.Rpc;

/// <summary>A storage value and the last block that wrote it (RPC <c>STORAGE_RESULT</c>; 0 if never written).</summary>
public readonly record struct StorageValue(Felt Value, ulong LastUpdateBlock);
