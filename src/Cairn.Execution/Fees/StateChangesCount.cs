namespace Cairn.Execution.Fees;

/// <summary>What a transaction's state diff adds to the block's data-availability segment (blockifier <c>StateChangesCount</c>).</summary>
public readonly record struct StateChangesCount(int StorageUpdates, int ClassHashUpdates, int CompiledClassHashUpdates, int ModifiedContracts)
{
    /// <summary>Felts added to the on-chain data segment: 2 per modified contract, 1 per class update, 2 per storage write, 2 per declared class.</summary>
    public int OnchainDataSegmentLength => ModifiedContracts * 2 + ClassHashUpdates + StorageUpdates * 2 + CompiledClassHashUpdates * 2;
}
