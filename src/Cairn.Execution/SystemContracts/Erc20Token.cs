using Cairn.Cairo.Builder;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Cairn's ERC20 (the STRK fee token's class), interface- and storage-compatible with OpenZeppelin's
/// Cairo ERC20 (<c>IERC20Mixin</c>, OZ ≥ 0.10) plus an owner-only <c>mint</c> (OZ Ownable's check):
/// <list type="bullet">
/// <item><c>constructor(name: ByteArray, symbol: ByteArray, decimals: u8, initial_supply: u256, recipient: ContractAddress, owner: ContractAddress)</c>
/// — name and symbol of at most 30 bytes; mints the initial supply to the recipient (if non-zero: 'ERC20: mint to 0' otherwise).</item>
/// <item>views <c>name</c>, <c>symbol</c> (ByteArray), <c>decimals</c> (u8), <c>total_supply</c>/<c>totalSupply</c>,
/// <c>balance_of</c>/<c>balanceOf</c>, <c>allowance</c> (u256), <c>owner</c>.</item>
/// <item><c>transfer</c>, <c>transfer_from</c>/<c>transferFrom</c>, <c>approve</c> → bool; <c>mint(recipient, amount)</c> (owner only).</item>
/// <item>events <c>Transfer</c> (keys [selector, from, to], data [low, high]) and <c>Approval</c> (keys [selector, owner, spender]).</item>
/// </list>
/// Storage: <c>ERC20_name</c>, <c>ERC20_symbol</c> (ByteArray), <c>ERC20_decimals</c>, <c>ERC20_total_supply</c>,
/// <c>ERC20_balances</c>, <c>ERC20_allowances</c> (u256 maps), <c>Ownable_owner</c>.
/// </summary>
public static partial class Erc20Token
{
    private static readonly string[] Builtins = ["pedersen", "range_check"];
    private static readonly Lazy<SystemContract> s_contract = new(Write);

    /// <summary>The class (built on first use).</summary>
    public static SystemContract Contract => s_contract.Value;

    /// <summary>Starknet's STRK fee token address (mainnet and Sepolia), where Cairn deploys this class as its fee token.</summary>
    public static readonly Felt StrkAddress = Felt.Parse("0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d");

    /// <summary>STRK's name, symbol and decimals.</summary>
    public const string StrkName = "Starknet Token";

    public const string StrkSymbol = "STRK";

    public const byte StrkDecimals = 18;

    public static readonly Felt NameAddress = StorageLayout.VarAddress("ERC20_name");
    public static readonly Felt SymbolAddress = StorageLayout.VarAddress("ERC20_symbol");
    public static readonly Felt DecimalsAddress = StorageLayout.VarAddress("ERC20_decimals");
    public static readonly Felt TotalSupplyAddress = StorageLayout.VarAddress("ERC20_total_supply");
    public static readonly Felt BalancesAddress = StorageLayout.VarAddress("ERC20_balances");
    public static readonly Felt AllowancesAddress = StorageLayout.VarAddress("ERC20_allowances");
    public static readonly Felt OwnerAddress = StorageLayout.VarAddress("Ownable_owner");

    public static readonly Felt TransferEvent = StorageLayout.VarAddress("Transfer");
    public static readonly Felt ApprovalEvent = StorageLayout.VarAddress("Approval");

    /// <summary>The storage key of the low limb of <paramref name="account"/>'s balance (the high limb is the next key).</summary>
    public static Felt BalanceKey(Felt account) => StorageLayout.MapAddress(BalancesAddress, account);

    /// <summary>The storage key of the low limb of an allowance.</summary>
    public static Felt AllowanceKey(Felt owner, Felt spender) => StorageLayout.MapAddress(AllowancesAddress, owner, spender);

    /// <summary>
    /// The storage a deployed token has after its constructor and mints to <paramref name="balances"/>
    /// (for a genesis state that writes storage instead of running the constructor): name, symbol,
    /// decimals, owner, the balances and their total. No events.
    /// </summary>
    public static IReadOnlyList<(Felt Key, Felt Value)> InitialStorage(string name, string symbol, byte decimals, Felt owner,
        IEnumerable<(Felt Account, UInt128 Amount)> balances)
    {
        var writes = new List<(Felt, Felt)>();
        writes.AddRange(StorageLayout.ShortByteArray(NameAddress, name));
        writes.AddRange(StorageLayout.ShortByteArray(SymbolAddress, symbol));
        writes.Add((DecimalsAddress, Felt.FromUInt64(decimals)));
        writes.Add((OwnerAddress, owner));
        var totals = new Dictionary<Felt, System.Numerics.BigInteger>();
        System.Numerics.BigInteger supply = 0;
        foreach (var (account, amount) in balances)
        {
            if (account.IsZero) throw new ArgumentException("ERC20: mint to 0", nameof(balances));
            totals[account] = (totals.TryGetValue(account, out var t) ? t : 0) + amount;
            supply += amount;
        }
        if (supply >= System.Numerics.BigInteger.One << 256) throw new ArgumentException("u256_add Overflow", nameof(balances));
        var mask = (System.Numerics.BigInteger.One << 128) - 1;
        writes.Add((TotalSupplyAddress, Felt.FromBigInteger(supply & mask)));
        writes.Add((TotalSupplyAddress + Felt.One, Felt.FromBigInteger(supply >> 128)));
        foreach (var (account, total) in totals)
        {
            var key = BalanceKey(account);
            writes.Add((key, Felt.FromBigInteger(total & mask)));
            writes.Add((key + Felt.One, Felt.FromBigInteger(total >> 128)));
        }
        return writes;
    }

    /// <summary>The constructor calldata.</summary>
    public static Felt[] ConstructorCalldata(string name, string symbol, byte decimals, UInt128 initialSupplyLow, UInt128 initialSupplyHigh, Felt recipient, Felt owner) =>
        [.. ShortByteArray(name), .. ShortByteArray(symbol), Felt.FromUInt64(decimals), Felt.FromUInt128(initialSupplyLow), Felt.FromUInt128(initialSupplyHigh), recipient, owner];

    /// <summary>The Cairo serialisation of a ByteArray of at most 30 bytes: <c>[0, word, length]</c>.</summary>
    public static Felt[] ShortByteArray(string text)
    {
        if (text.Length > 30) throw new ArgumentException("at most 30 bytes", nameof(text));
        return [Felt.Zero, text.Length == 0 ? Felt.Zero : Felt.FromShortString(text), Felt.FromUInt64((ulong)text.Length)];
    }

    private static SystemContract Write()
    {
        var w = new ContractWriter("Erc20Token");
        w.Constructor(Builtins, Constructor);
        w.External("name", Builtins, e => ReadByteArray(e, NameAddress));
        w.External("symbol", Builtins, e => ReadByteArray(e, SymbolAddress));
        w.External("decimals", Builtins, e =>
        {
            e.EndCalldata();
            e.Return(e.StorageRead(DecimalsAddress));
        });
        w.External("owner", Builtins, e =>
        {
            e.EndCalldata();
            e.Return(e.StorageRead(OwnerAddress));
        });
        foreach (var name in new[] { "total_supply", "totalSupply" })
        {
            w.External(name, Builtins, e =>
            {
                e.EndCalldata();
                var supply = e.StorageReadU256(e.Let(TotalSupplyAddress));
                e.Return(supply.Low, supply.High);
            });
        }
        foreach (var name in new[] { "balance_of", "balanceOf" })
        {
            w.External(name, Builtins, e =>
            {
                var account = e.ReadAddress(1);
                e.EndCalldata();
                var balance = e.StorageReadU256(e.MapAddress(BalancesAddress, account));
                e.Return(balance.Low, balance.High);
            });
        }
        w.External("allowance", Builtins, e =>
        {
            var owner = e.ReadAddress(1);
            var spender = e.ReadAddress(2);
            e.EndCalldata();
            var allowance = e.StorageReadU256(e.MapAddress(AllowancesAddress, owner, spender));
            e.Return(allowance.Low, allowance.High);
        });
        w.External("transfer", Builtins, e =>
        {
            var recipient = e.ReadAddress(1);
            var amount = e.ReadU256(2);
            e.EndCalldata();
            var sender = e.CallerAddress();
            Transfer(e, sender, recipient, amount);
            e.Return(Felt.One);
        });
        foreach (var name in new[] { "transfer_from", "transferFrom" })
        {
            w.External(name, Builtins, e =>
            {
                var sender = e.ReadAddress(1);
                var recipient = e.ReadAddress(2);
                var amount = e.ReadU256(3);
                e.EndCalldata();
                var caller = e.CallerAddress();
                SpendAllowance(e, sender, caller, amount);
                Transfer(e, sender, recipient, amount);
                e.Return(Felt.One);
            });
        }
        w.External("approve", Builtins, e =>
        {
            var spender = e.ReadAddress(1);
            var amount = e.ReadU256(2);
            e.EndCalldata();
            var caller = e.CallerAddress();
            Approve(e, caller, spender, amount);
            e.Return(Felt.One);
        });
        w.External("mint", Builtins, e =>
        {
            var recipient = e.ReadAddress(1);
            var amount = e.ReadU256(2);
            e.EndCalldata();
            // OZ Ownable.assert_only_owner
            var owner = e.StorageRead(OwnerAddress);
            var caller = e.CallerAddress();
            e.PanicIf(e.Let(caller - owner), "Caller is not the owner");
            Mint(e, recipient, amount);
            e.Return();
        });
        return w.Build();
    }

    private static void Constructor(EntryPointWriter e)
    {
        var (nameWord, nameLength) = e.ReadShortByteArray(1);
        var (symbolWord, symbolLength) = e.ReadShortByteArray(2);
        var decimals = e.ReadUInt(3, 8);
        var supply = e.ReadU256(4);
        var recipient = e.ReadAddress(5);
        var owner = e.ReadAddress(6);
        e.EndCalldata();
        WriteByteArray(e, NameAddress, nameWord, nameLength);
        WriteByteArray(e, SymbolAddress, symbolWord, symbolLength);
        e.StorageWrite(DecimalsAddress, decimals);
        e.StorageWrite(OwnerAddress, owner);
        Mint(e, recipient, supply);
        e.Return();
    }

    private static void WriteByteArray(EntryPointWriter e, Felt address, Cell word, Cell length)
    {
        e.StorageWrite(address, length);
        e.If(length, () => e.StorageWrite(StorageLayout.ByteArrayChunk(address), word));
    }

    /// <summary>Returns the ByteArray <c>[0, pending_word, length]</c> (at most 30 bytes, as the constructor writes).</summary>
    private static void ReadByteArray(EntryPointWriter e, Felt address)
    {
        e.EndCalldata();
        var length = e.StorageRead(address);
        var word = e.StorageRead(StorageLayout.ByteArrayChunk(address));
        e.Return(Felt.Zero, word, length);
    }

    private static void Mint(EntryPointWriter e, Cell recipient, U256 amount)
    {
        e.AssertNonZero(recipient, "ERC20: mint to 0");
        // update(0, recipient, amount)
        var supplyAddress = e.Let(TotalSupplyAddress);
        var supply = e.StorageReadU256(supplyAddress);
        e.StorageWriteU256(supplyAddress, e.AddU256(supply, amount));
        Credit(e, recipient, amount);
        e.EmitEvent([TransferEvent, Felt.Zero, recipient], [amount.Low, amount.High]);
    }

    /// <summary>OZ <c>_transfer</c>: both addresses non-zero, then <c>update(sender, recipient, amount)</c>.</summary>
    private static void Transfer(EntryPointWriter e, Cell sender, Cell recipient, U256 amount)
    {
        e.AssertNonZero(sender, "ERC20: transfer from 0");
        e.AssertNonZero(recipient, "ERC20: transfer to 0");
        var fromAddress = e.MapAddress(BalancesAddress, sender);
        var fromBalance = e.StorageReadU256(fromAddress);
        e.StorageWriteU256(fromAddress, e.SubU256(fromBalance, amount, "ERC20: insufficient balance"));
        Credit(e, recipient, amount);
        e.EmitEvent([TransferEvent, sender, recipient], [amount.Low, amount.High]);
    }

    private static void Credit(EntryPointWriter e, Cell account, U256 amount)
    {
        var toAddress = e.MapAddress(BalancesAddress, account);
        var toBalance = e.StorageReadU256(toAddress);
        e.StorageWriteU256(toAddress, e.AddU256(toBalance, amount));
    }

    /// <summary>OZ <c>_spend_allowance</c>: an infinite (all-ones) allowance is not decreased and emits nothing.</summary>
    private static void SpendAllowance(EntryPointWriter e, Cell owner, Cell spender, U256 amount)
    {
        var address = e.MapAddress(AllowancesAddress, owner, spender);
        var current = e.StorageReadU256(address);
        var max = Felt.FromBigInteger(EntryPointWriter.U128Bound - 1);
        var infinite = e.Let(e.IsEqual(current.Low, max) * e.IsEqual(current.High, max));
        e.If(infinite, () => { }, () =>
        {
            var rest = e.SubU256(current, amount, "ERC20: insufficient allowance");
            Approve(e, owner, spender, rest);
        });
    }

    /// <summary>OZ <c>_approve</c>.</summary>
    private static void Approve(EntryPointWriter e, Cell owner, Cell spender, U256 amount)
    {
        e.AssertNonZero(owner, "ERC20: approve from 0");
        e.AssertNonZero(spender, "ERC20: approve to 0");
        var address = e.MapAddress(AllowancesAddress, owner, spender);
        e.StorageWriteU256(address, amount);
        e.EmitEvent([ApprovalEvent, owner, spender], [amount.Low, amount.High]);
    }
}
