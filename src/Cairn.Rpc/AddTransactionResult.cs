using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>
/// What the write methods return: the hash, plus the class hash for a DECLARE and the deployed address for a
/// DEPLOY_ACCOUNT (both required in those responses).
/// </summary>
public sealed record AddTransactionResult(TxHash TransactionHash, ClassHash? ClassHash = null, ContractAddress? ContractAddress = null);
