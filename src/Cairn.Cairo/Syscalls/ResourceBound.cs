using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>One resource bound of a v3 transaction: resource name (short string 'L1_GAS', 'L2_GAS', 'L1_DATA'), max amount, max price per unit.</summary>
public sealed record ResourceBound(Felt Resource, ulong MaxAmount, UInt128 MaxPricePerUnit);
