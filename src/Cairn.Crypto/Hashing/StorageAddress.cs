using Cairn.Primitives;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// The address of a storage variable (starknet.md §3.1):
/// <c>fold(sn_keccak(name), h ↦ pedersen(h, k)) mod (2^251 − 256)</c>.
/// </summary>
public static class StorageAddress
{
    public static Felt Of(string name, params ReadOnlySpan<Felt> keys)
    {
        var h = StarknetKeccak.Selector(name);
        foreach (var k in keys) h = Pedersen.Hash(h, k);
        return ContractAddressCalculator.ReduceToAddressBound(h);
    }
}
