using System.Numerics;
using Cairn.Execution.Fees;
using Cairn.Primitives.Ids;

namespace Cairn.Rpc;

/// <summary>The result of <c>dev_mint</c>: the new balance in the minted unit and the minting transaction, if one was made.</summary>
public sealed record MintResult(BigInteger NewBalance, FeeUnit Unit, TxHash? TransactionHash);
