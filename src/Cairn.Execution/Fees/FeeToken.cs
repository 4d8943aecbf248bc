using Cairn.Crypto.Hashing;
using Cairn.Execution.State;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Fees;

/// <summary>The fee token as the executor sees it: Starknet's STRK address and the OpenZeppelin balance layout.</summary>
public static class FeeToken
{
    /// <summary>STRK on Starknet (mainnet and Sepolia).</summary>
    public static readonly ContractAddress StrkAddress =
        new(Felt.Parse("0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d"));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ContractAddress, StorageKey> s_balanceKeys = new();

    /// <summary>
    /// The storage key of the low 128 bits of <paramref name="owner"/>'s balance (<c>ERC20_balances</c>); the high
    /// bits are at the next key. Memoized (a Pedersen hash; every charged transaction needs its sender's several times).
    /// </summary>
    public static StorageKey BalanceKey(ContractAddress owner)
    {
        if (s_balanceKeys.TryGetValue(owner, out var key)) return key;
        key = new StorageKey(SystemContracts.Erc20Token.BalanceKey(owner.Value));
        if (s_balanceKeys.Count >= 1 << 16) s_balanceKeys.Clear();
        s_balanceKeys[owner] = key;
        return key;
    }

    /// <summary>The balance of <paramref name="owner"/> read straight from storage.</summary>
    public static System.Numerics.BigInteger Balance(IStateReader state, ContractAddress token, ContractAddress owner)
    {
        var low = BalanceKey(owner);
        var high = new StorageKey(low.Value + Felt.One);
        return (state.GetStorage(token, high).ToBigInteger() << 128) + state.GetStorage(token, low).ToBigInteger();
    }
}
