using System.Numerics;
using Cairn.Cairo.Syscalls;
using Cairn.Crypto.Hashing;
using Cairn.Crypto.Signatures;
using Cairn.Execution.Classes;
using Cairn.Execution.Executor;
using Cairn.Execution.Fees;
using Cairn.Execution.Genesis;
using Cairn.Execution.Hashing;
using Cairn.Execution.State;
using Cairn.Execution.SystemContracts;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Tests.Genesis;

/// <summary>The genesis state with Cairn's own account, token and deployer, and transactions on it with fees.</summary>
public sealed class GenesisTests
{
    private static readonly Felt ChainId = Felt.FromShortString("SN_SEPOLIA");
    private static readonly Lazy<GenesisState> Built = new(() => GenesisBuilder.Build(new GenesisOptions { Seed = Felt.FromUInt64(42), Accounts = 3 }, ChainId));
    private static readonly BlockContext Ctx = new() { Block = new BlockInfo(1, 1_700_000_000, Felt.FromUInt64(0x5e0)), ChainId = ChainId };

    private static ResourceBoundsMapping Bounds => new(
        new ResourceBounds(0, Ctx.GasPrices.L1GasFri * 2),
        new ResourceBounds(100_000_000, Ctx.GasPrices.L2GasFri * 2),
        new ResourceBounds(10_000, Ctx.GasPrices.L1DataGasFri * 2));

    [Fact]
    public void Accounts_are_deployed_funded_and_derived_from_the_seed()
    {
        var g = Built.Value;
        Assert.Equal(3, g.Accounts.Count);
        Assert.Equal(3, g.Accounts.Select(a => a.Address).Distinct().Count());
        foreach (var a in g.Accounts)
        {
            Assert.Equal(SystemClasses.Account.ClassHash, g.State.GetClassHashAt(a.Address));
            Assert.Equal(Ecdsa.GetPublicKey(a.PrivateKey), a.PublicKey);
            Assert.Equal(ContractAddressCalculator.Compute(GenesisBuilder.AccountSalt, SystemClasses.Account.ClassHash.Value, [a.PublicKey], Felt.Zero), a.Address);
            Assert.Equal(BigInteger.Pow(10, 21), FeeToken.Balance(g.State, FeeToken.StrkAddress, a.Address));
        }
        Assert.Equal(GenesisBuilder.PrivateKey(Felt.FromUInt64(42), 0), g.Accounts[0].PrivateKey);
        Assert.NotEqual(GenesisBuilder.PrivateKey(Felt.FromUInt64(43), 0), g.Accounts[0].PrivateKey);
        // The token answers through its interface.
        var supply = ReadOnlyCall.Execute(g.State, Ctx.Block, ChainId, FeeToken.StrkAddress, StarknetKeccak.Selector("total_supply"), []);
        Assert.Equal([Felt.FromBigInteger(3 * BigInteger.Pow(10, 21)), Felt.Zero], supply);
        Assert.Equal(SystemClasses.UniversalDeployer.ClassHash, g.State.GetClassHashAt(new ContractAddress(UniversalDeployer.Address)));
        Assert.False(g.Diff.IsEmpty);
    }

    [Fact]
    public void System_classes_have_a_sierra_view_whose_hash_is_their_class_hash()
    {
        foreach (var c in new[] { SystemClasses.Account, SystemClasses.Erc20, SystemClasses.UniversalDeployer })
        {
            var sierra = SierraContractClass.Parse(System.Text.Encoding.UTF8.GetBytes(c.SierraJson));
            Assert.Equal(c.ClassHash, SierraClassHash.Compute(sierra));
            Assert.Equal(c.Casm.External.Count, sierra.External.Count);
            Assert.StartsWith("[{", sierra.Abi);
        }
    }

    [Fact]
    public void A_predeployed_account_signs_a_strk_transfer_that_pays_its_fee()
    {
        var g = Built.Value;
        var state = new CachedState(g.State);
        var from = g.Accounts[0];
        var to = g.Accounts[1];
        var tx = new InvokeTransactionV3
        {
            SenderAddress = from.Address.Value,
            Calldata = new[] { Felt.One, FeeToken.StrkAddress.Value, StarknetKeccak.Selector("transfer"), Felt.FromUInt64(3), to.Address.Value, Felt.FromUInt64(1234), Felt.Zero },
            Nonce = Felt.Zero,
            ResourceBounds = Bounds,
        };
        var sig = Ecdsa.Sign(from.PrivateKey, TransactionHasher.Compute(tx, ChainId).Value);
        var receipt = TransactionExecutor.Execute(state, Ctx, tx with { Signature = new[] { sig.R, sig.S } });
        Assert.True(receipt.Status == ExecutionStatus.Succeeded, receipt.RevertReason);
        Assert.True(receipt.ActualFee > 0);
        Assert.Equal(BigInteger.Pow(10, 21) - 1234 - (BigInteger)receipt.ActualFee, FeeToken.Balance(state, FeeToken.StrkAddress, from.Address));
        Assert.Equal(BigInteger.Pow(10, 21) + 1234, FeeToken.Balance(state, FeeToken.StrkAddress, to.Address));
        Assert.Equal((BigInteger)receipt.ActualFee, FeeToken.Balance(state, FeeToken.StrkAddress, new ContractAddress(Ctx.Block.SequencerAddress)));
        Assert.Equal(TrackedResourceOfCairn, receipt.ValidateCall!.TrackedResource);
        Assert.True(receipt.Resources.Vm.Builtin("ec_op") > 0, "the signature is checked in Cairo with the ec_op builtin");

        // The same transaction signed by another key is rejected.
        var forged = Ecdsa.Sign(to.PrivateKey, TransactionHasher.Compute(tx with { Nonce = Felt.One }, ChainId).Value);
        var e = Assert.Throws<TransactionRejectedException>(() => TransactionExecutor.Execute(state, Ctx, tx with { Nonce = Felt.One, Signature = new[] { forged.R, forged.S } }));
        Assert.Equal("VALIDATION_FAILURE", e.Code);
    }

    [Fact]
    public void The_account_abi_lists_exactly_its_external_entry_points()
    {
        var sierra = SierraContractClass.Parse(System.Text.Encoding.UTF8.GetBytes(SystemClasses.Account.SierraJson));
        using var doc = System.Text.Json.JsonDocument.Parse(sierra.Abi);
        var functions = doc.RootElement.EnumerateArray()
            .Where(x => x.GetProperty("type").GetString() == "interface")
            .SelectMany(x => x.GetProperty("items").EnumerateArray())
            .Select(f => StarknetKeccak.Selector(f.GetProperty("name").GetString()!))
            .Order()
            .ToList();
        Assert.Equal(SystemClasses.Account.Casm.External.Select(e => e.Selector).Order(), functions);
    }

    private const Cairn.Execution.Calls.TrackedResource TrackedResourceOfCairn = Cairn.Execution.Calls.TrackedResource.CairoSteps;
}
