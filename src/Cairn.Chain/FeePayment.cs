using Cairn.Execution.Fees;
using Cairn.Primitives;

namespace Cairn.Chain;

/// <summary>The fee a transaction paid (RPC <c>FEE_PAYMENT</c>). <see cref="Amount"/> is the <c>actual_fee</c> of the receipt leaf.</summary>
public readonly record struct FeePayment(Felt Amount, FeeUnit Unit);
