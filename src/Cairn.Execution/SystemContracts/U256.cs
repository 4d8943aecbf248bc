using Cairn.Cairo.Builder;

namespace Cairn.Execution.SystemContracts;

/// <summary>A u256 in two cells (Cairo's <c>u256 { low: u128, high: u128 }</c>), each proven below 2^128 where it was made.</summary>
public readonly record struct U256(Cell Low, Cell High);
