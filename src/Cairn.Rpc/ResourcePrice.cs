namespace Cairn.Rpc;

/// <summary>RPC <c>RESOURCE_PRICE</c>: the price of one unit of a resource in wei and in fri.</summary>
public readonly record struct ResourcePrice(UInt128 PriceInWei, UInt128 PriceInFri);
