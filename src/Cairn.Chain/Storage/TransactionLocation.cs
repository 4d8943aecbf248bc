using Cairn.Primitives.Ids;

namespace Cairn.Chain.Storage;

/// <summary>Where an included transaction is: its block (number and hash) and its index in the block.</summary>
public readonly record struct TransactionLocation(ulong BlockNumber, BlockHash BlockHash, int Index);
