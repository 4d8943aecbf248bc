namespace Cairn.Rpc.Json;

/// <summary>How much of each transaction a block response carries.</summary>
public enum BlockBody
{
    TxHashes,
    Txs,
    Receipts,
}
