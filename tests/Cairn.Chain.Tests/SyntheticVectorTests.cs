using Cairn.Execution.Fees;
using System.Globalization;
using System.Text.Json;
using Cairn.Chain.Commitments;
using Cairn.Execution.Executor;
using Cairn.Execution.Transactions;
using Cairn.Primitives;
using Cairn.Primitives.Ids;
using Cairn.State;
using Cairn.Testing;
using Cairn.Trie;

namespace Cairn.Chain.Tests;

/// <summary>The block-commitment vectors of <c>vectors/primitives.json</c> (starkware-libs/sequencer and pathfinder regression tests).</summary>
public sealed class SyntheticVectorTests
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "primitives.json"))).RootElement);

    private static JsonElement Parts => Vectors.Value.GetProperty("block_commitment_parts");

    private static Felt F(JsonElement e) => Felt.Parse(e.GetString()!);

    private static Felt F(JsonElement e, string name) => F(e.GetProperty(name));

    private static Felt[] Felts(JsonElement e) => e.EnumerateArray().Select(F).ToArray();

    private static Felt Dec(JsonElement e, string name) => Felt.FromBigInteger(System.Numerics.BigInteger.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture));

    [Fact]
    public void CommitmentTreeRoots()
    {
        foreach (var c in Vectors.Value.GetProperty("commitment_tree_64").GetProperty("cases").EnumerateArray())
        {
            Assert.Equal(F(c, "root"), CommitmentTree.Root(Felts(c.GetProperty("values"))));
        }
    }

    [Fact]
    public void TransactionLeavesBothSignatureRules()
    {
        var leaves = Parts.GetProperty("transaction_leaf");
        var signed = leaves[0];
        Assert.Equal(F(signed, "leaf"), BlockCommitmentCalculator.TransactionLeaf(new TxHash(F(signed, "tx_hash")), Felts(signed.GetProperty("signature"))));
        var empty = leaves[1];
        Assert.Equal(F(empty, "leaf"), BlockCommitmentCalculator.TransactionLeaf(new TxHash(F(empty, "tx_hash")), []));
        var zero = leaves[2];
        Assert.Equal(F(zero, "leaf"), BlockCommitmentCalculator.TransactionLeaf(new TxHash(F(zero, "tx_hash")), [], emptySignatureAsZero: true));
    }

    [Fact]
    public void TransactionCommitments()
    {
        foreach (var c in Parts.GetProperty("transaction_commitment").EnumerateArray())
        {
            var version = c.TryGetProperty("starknet_version", out var v) ? StarknetVersion.Parse(v.GetString()!) : StarknetVersion.V0_13_4;
            var items = c.GetProperty("leaves_from").EnumerateArray().ToList();
            var root = BlockCommitmentCalculator.TransactionCommitment(
                items.Select(i => new TxHash(F(i, "tx_hash"))).ToList(),
                items.Select(i => (ReadOnlyMemory<Felt>)Felts(i.GetProperty("signature"))).ToList(), version);
            Assert.Equal(F(c, "root"), root);
        }
    }

    private static ReceiptEvent SeedEvent(ulong seed) =>
        new(new ContractAddress(seed + 8), [seed, seed + 1], [seed + 2, seed + 3, seed + 4]);

    [Fact]
    public void EventLeafAndCommitment()
    {
        var e = Parts.GetProperty("event_leaf");
        var c = e.GetProperty("cases")[0];
        Assert.Equal(F(c, "leaf"), BlockCommitmentCalculator.EventLeaf(new ContractAddress(F(c, "from_address")), new TxHash(F(c, "tx_hash")),
            Felts(c.GetProperty("keys")), Felts(c.GetProperty("data"))));
        var seeds = e.GetProperty("commitment").GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()).ToList();
        var receipt = Receipt(new TxHash(0x1234UL)) with { Events = seeds.Select(SeedEvent).ToList() };
        var (root, count) = BlockCommitmentCalculator.EventCommitment([receipt]);
        Assert.Equal(F(e.GetProperty("commitment"), "root"), root);
        Assert.Equal((ulong)seeds.Count, count);
    }

    private static Receipt Receipt(TxHash hash) => new()
    {
        TransactionHash = hash,
        Type = TransactionType.Invoke,
        ActualFee = new FeePayment(Felt.Zero, FeeUnit.Fri),
    };

    private static ReceiptMessage[] Messages(JsonElement list) => list.EnumerateArray()
        .Select(m => new ReceiptMessage(new ContractAddress(F(m, "from_address")), F(m, "to_address"), Felts(m.GetProperty("payload")))).ToArray();

    private static Receipt VectorReceipt(JsonElement leaf, TxHash hash)
    {
        var gas = leaf.GetProperty("gas_consumed");
        return Receipt(hash) with
        {
            ActualFee = new FeePayment(Dec(leaf, "actual_fee_dec"), FeeUnit.Fri),
            Messages = Messages(leaf.GetProperty("messages")),
            ExecutionStatus = leaf.GetProperty("execution_status").GetString() == "REVERTED" ? ExecutionStatus.Reverted : ExecutionStatus.Succeeded,
            RevertReason = leaf.GetProperty("revert_reason").GetString(),
            ExecutionResources = new GasVector(Dec(gas, "l1_gas_dec").ToUInt64(), Dec(gas, "l1_data_gas_dec").ToUInt64(), Dec(gas, "l2_gas_dec").ToUInt64()),
        };
    }

    [Fact]
    public void MessagesHashReceiptLeafAndCommitment()
    {
        var r = Parts.GetProperty("receipt");
        var sent = r.GetProperty("messages_sent_hash");
        Assert.Equal(F(sent, "hash"), BlockCommitmentCalculator.MessagesHash(Messages(sent.GetProperty("messages"))));
        var leaf = r.GetProperty("receipt_leaf");
        var receipt = VectorReceipt(leaf, new TxHash(Dec(leaf, "tx_hash_dec")));
        Assert.Equal(F(leaf, "leaf"), BlockCommitmentCalculator.ReceiptLeaf(receipt));
        Assert.Equal(F(leaf, "commitment_of_this_single_receipt"), BlockCommitmentCalculator.ReceiptCommitment([receipt]));

        // The L2 gas slot is the constant 0: L2 gas does not change the leaf, L1 gas does.
        Assert.Equal(F(leaf, "leaf"), BlockCommitmentCalculator.ReceiptLeaf(receipt with { ExecutionResources = receipt.ExecutionResources with { L2Gas = 99 } }));
        Assert.NotEqual(F(leaf, "leaf"), BlockCommitmentCalculator.ReceiptLeaf(receipt with { RevertReason = "aborted." }));
    }

    private static BlockStateDiff VectorStateDiff()
    {
        var d = Parts.GetProperty("state_diff_commitment").GetProperty("state_diff");
        var diff = new StateDiff();
        foreach (var p in d.GetProperty("deployed_contracts").EnumerateObject()) diff.DeployContract(ContractAddress.Parse(p.Name), new ClassHash(F(p.Value)));
        foreach (var p in d.GetProperty("storage_diffs").EnumerateObject())
        {
            foreach (var s in p.Value.EnumerateObject()) diff.SetStorage(ContractAddress.Parse(p.Name), new StorageKey(Felt.Parse(s.Name)), F(s.Value));
        }

        foreach (var p in d.GetProperty("declared_classes").EnumerateObject()) diff.DeclareClass(ClassHash.Parse(p.Name), new CompiledClassHash(F(p.Value)));
        foreach (var p in d.GetProperty("nonces").EnumerateObject()) diff.SetNonce(ContractAddress.Parse(p.Name), new Nonce(F(p.Value)));
        var deprecated = d.GetProperty("deprecated_declared_classes").EnumerateArray().Select(c => new ClassHash(F(c))).ToList();
        return new BlockStateDiff(diff, deprecated, new Dictionary<ClassHash, CompiledClassHash>());
    }

    [Fact]
    public void StateDiffCommitmentAndLength()
    {
        var v = Parts.GetProperty("state_diff_commitment");
        var (hash, length) = BlockCommitmentCalculator.StateDiffCommitment(VectorStateDiff());
        Assert.Equal(F(v, "hash"), hash);
        Assert.Equal(v.GetProperty("state_diff_length").GetUInt64(), length);
    }

    [Fact]
    public void MigrationsCountAsDeclarationsAndReplacementsAsDeployments()
    {
        var base_ = VectorStateDiff();
        var (hash, length) = BlockCommitmentCalculator.StateDiffCommitment(base_);

        // Moving declaration 0xe → migration, and deployment 0x13 → replacement, changes neither hash nor length.
        var moved = new StateDiff();
        foreach (var (a, c) in base_.Diff.DeployedContracts.Where(kv => kv.Key != new ContractAddress(0x13UL))) moved.DeployContract(a, c);
        moved.ReplaceClass(new ContractAddress(0x13UL), new ClassHash(0x14UL));
        foreach (var (a, slots) in base_.Diff.StorageDiffs) foreach (var (k, value) in slots) moved.SetStorage(a, k, value);
        moved.DeclareClass(new ClassHash(0xcUL), new CompiledClassHash(0xdUL));
        foreach (var (a, n) in base_.Diff.Nonces) moved.SetNonce(a, n);
        var migrated = new Dictionary<ClassHash, CompiledClassHash> { [new ClassHash(0xeUL)] = new CompiledClassHash(0xfUL) };
        Assert.Equal((hash, length), BlockCommitmentCalculator.StateDiffCommitment(new BlockStateDiff(moved, base_.DeprecatedDeclaredClasses, migrated)));
    }

    [Theory]
    [InlineData("0.13.2")]
    [InlineData("0.13.4")]
    public void SyntheticBlockHash(string versionText)
    {
        var b = Parts.GetProperty("block_hash_synthetic");
        var inputs = b.GetProperty("inputs");
        var version = StarknetVersion.Parse(versionText);
        var expected = b.GetProperty("expected").EnumerateArray().Single(e => e.GetProperty("starknet_version").GetString() == versionText);

        var leaf = Parts.GetProperty("receipt").GetProperty("receipt_leaf");
        var receipt = VectorReceipt(leaf, new TxHash(1UL));
        var tx = new InvokeTransactionV1 { SenderAddress = 1UL, MaxFee = 0UL, Nonce = 0UL, Signature = new Felt[] { 2UL, 3UL } };
        GasPrice Price(string name) => new(
            (UInt128)F(inputs.GetProperty(name), "price_in_wei").ToUInt64(), (UInt128)F(inputs.GetProperty(name), "price_in_fri").ToUInt64());
        var context = new BlockContext
        {
            Number = inputs.GetProperty("block_number").GetUInt64(),
            ParentHash = new BlockHash(F(inputs, "parent_block_hash")),
            SequencerAddress = new ContractAddress(F(inputs, "sequencer_address")),
            Timestamp = inputs.GetProperty("timestamp").GetUInt64(),
            GasPrices = new GasPrices(Price("l1_gas_price"), Price("l1_data_gas_price"), Price("l2_gas_price")),
            L1DaMode = L1DataAvailabilityMode.Blob,
            StarknetVersion = version,
        };
        var block = BlockSealer.Seal(context, [tx], [receipt], VectorStateDiff(), Felt.Zero, F(inputs, "state_root"));
        Assert.Equal(0UL, block.Header.EventCount);
        Assert.Equal(inputs.GetProperty("state_diff_length").GetUInt64(), block.Header.StateDiffLength);
        Assert.Equal(F(expected, "block_hash"), block.Hash.Value);
    }

    [Fact]
    public void PartialBlockHashIsTheHashWithZeroRootAndParent()
    {
        var v = FeederGatewayBlock.Block63881;
        var block = BlockSealer.Seal(v.Context, v.Transactions, v.Receipts, v.StateDiff, Felt.Zero, v.Published("state_root"));
        var h = block.Header;
        var partial = BlockHasher.ComputePartial(h.Number, h.SequencerAddress, h.Timestamp, h.GasPrices, h.L1DaMode, h.StarknetVersion, h.Commitments);
        Assert.Equal((h with { StateRoot = Felt.Zero, ParentHash = default }).ComputeHash(), partial);
        Assert.NotEqual(h.Hash, partial);
    }

    [Fact]
    public void PackedCountsLayout()
    {
        var counts = BlockHasher.ConcatCounts(1, 2, 3, L1DataAvailabilityMode.Blob);
        var bytes = counts.ToBytesBE();
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0x80, 0, 0, 0, 0, 0, 0, 0 }, bytes);
        Assert.Equal(counts - Felt.FromBigInteger(System.Numerics.BigInteger.One << 63), BlockHasher.ConcatCounts(1, 2, 3, L1DataAvailabilityMode.Calldata));
    }

    [Fact]
    public void VersionsCompareByNumbers()
    {
        Assert.True(StarknetVersion.Parse("0.13.10") > StarknetVersion.Parse("0.13.4"));
        Assert.True(StarknetVersion.Parse("0.14") == StarknetVersion.V0_14_0);
        Assert.True(StarknetVersion.Parse("0.13.2.1") > StarknetVersion.V0_13_2);
        Assert.Equal(Felt.FromShortString("0.14.1"), StarknetVersion.V0_14_1.ToFelt());
        foreach (var bad in new[] { "", "1", "0.x.1", "0.1.2.3.4", "-1.2" }) Assert.False(StarknetVersion.TryParse(bad, out _), bad);
        Assert.Throws<NotSupportedException>(() => BlockHasher.Compute(
            1, Felt.Zero, default, 0, default, L1DataAvailabilityMode.Blob, StarknetVersion.Parse("0.13.1"), default, default));
    }
}
