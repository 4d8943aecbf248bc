using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Crypto.Hashing;

/// <summary>
/// The address of a deployed contract (starknet.md §3.2):
/// <c>pedersen_array(['STARKNET_CONTRACT_ADDRESS', deployer, salt, class_hash, pedersen_array(calldata)]) mod (2^251 − 256)</c>.
/// The deployer is 0 for DEPLOY_ACCOUNT, and for the deploy syscall with <c>deploy_from_zero</c>.
/// </summary>
public static class ContractAddressCalculator
{
    /// <summary>felt('STARKNET_CONTRACT_ADDRESS').</summary>
    public static readonly Felt Prefix = Felt.FromShortString("STARKNET_CONTRACT_ADDRESS");

    /// <summary>2^251 − 256, the bound addresses are reduced by (<c>L2_ADDRESS_UPPER_BOUND</c>).</summary>
    public static readonly Felt AddressUpperBound = Felt.FromLimbs(0xFFFF_FFFF_FFFF_FF00, ulong.MaxValue, ulong.MaxValue, 0x07FF_FFFF_FFFF_FFFF);

    public static ContractAddress Compute(Felt salt, Felt classHash, ReadOnlySpan<Felt> constructorCalldata, Felt deployer)
    {
        var h = Pedersen.HashArray([Prefix, deployer, salt, classHash, Pedersen.HashArray(constructorCalldata)]);
        return new ContractAddress(ReduceToAddressBound(h));
    }

    /// <summary>x mod (2^251 − 256) for a felt x (x &lt; P &lt; 2·bound, so one subtraction suffices).</summary>
    public static Felt ReduceToAddressBound(Felt x) => x >= AddressUpperBound ? x - AddressUpperBound : x;
}
