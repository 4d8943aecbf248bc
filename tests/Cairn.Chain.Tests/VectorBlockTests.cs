using Cairn.Chain.Commitments;
using Cairn.Execution.Hashing;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Tests;

/// <summary>Every published value of SN_INTEGRATION_SEPOLIA block 63881 (Starknet 0.13.4), recomputed from the block's own data.</summary>
public sealed class VectorBlockTests
{
    private static FeederGatewayBlock B => FeederGatewayBlock.Block63881;

    [Fact]
    public void TransactionHashes()
    {
        Assert.Equal(4, B.Transactions.Count);
        Assert.Equal([1, 3, 1, 1], B.Transactions.Select(t => t.Version));
        for (var i = 0; i < B.Transactions.Count; i++)
        {
            Assert.Equal(B.PublishedHashes[i], TransactionHasher.Compute(B.Transactions[i], FeederGatewayBlock.IntegrationSepolia));
            Assert.Equal(B.PublishedHashes[i], B.Receipts[i].TransactionHash);
        }
    }

    [Fact]
    public void TransactionCommitment() =>
        Assert.Equal(B.Published("transaction_commitment"), BlockCommitmentCalculator.TransactionCommitment(
            B.PublishedHashes, B.Transactions.Select(t => t.Signature).ToList(), B.Context.StarknetVersion));

    [Fact]
    public void TransactionCommitmentWithPre0134RuleDiffersOnlyForEmptySignatures()
    {
        // Every transaction here is signed, so the 0.13.2 rule gives the same commitment.
        Assert.Equal(B.Published("transaction_commitment"), BlockCommitmentCalculator.TransactionCommitment(
            B.PublishedHashes, B.Transactions.Select(t => t.Signature).ToList(), StarknetVersion.V0_13_2));
    }

    [Fact]
    public void EventCommitmentAndCount()
    {
        var (commitment, count) = BlockCommitmentCalculator.EventCommitment(B.Receipts);
        Assert.Equal(B.Published("event_commitment"), commitment);
        Assert.Equal(4UL, count);
    }

    [Fact]
    public void ReceiptCommitment() =>
        Assert.Equal(B.Published("receipt_commitment"), BlockCommitmentCalculator.ReceiptCommitment(B.Receipts));

    [Fact]
    public void StateDiffCommitmentAndLength()
    {
        var (commitment, length) = BlockCommitmentCalculator.StateDiffCommitment(B.StateDiff);
        Assert.Equal(B.Published("state_diff_commitment"), commitment);
        Assert.Equal(B.BlockJson.GetProperty("state_diff_length").GetUInt64(), length);
        Assert.Equal(15UL, length);
    }

    [Fact]
    public void BlockHashFromSealedBlock()
    {
        var oldRoot = Felt.Parse(B.StateUpdateJson.GetProperty("old_root").GetString()!);
        var newRoot = B.Published("state_root");
        var block = BlockSealer.Seal(B.Context, B.Transactions, B.Receipts, B.StateDiff, oldRoot, newRoot);
        Assert.Equal(new BlockHash(B.Published("block_hash")), block.Hash);
        Assert.Equal(block.Hash, block.Header.ComputeHash());
        Assert.Equal(B.Published("transaction_commitment"), block.Header.Commitments.TransactionCommitment);
        Assert.Equal(B.Published("event_commitment"), block.Header.Commitments.EventCommitment);
        Assert.Equal(B.Published("receipt_commitment"), block.Header.Commitments.ReceiptCommitment);
        Assert.Equal(B.Published("state_diff_commitment"), block.Header.Commitments.StateDiffCommitment);
        Assert.Equal(4UL, block.Header.TransactionCount);
        Assert.Equal(15UL, block.Header.StateDiffLength);
        Assert.Equal(block.Hash, block.StateUpdate.BlockHash);
        Assert.Equal(Felt.Parse(B.StateUpdateJson.GetProperty("block_hash").GetString()!), block.Hash.Value);
    }

    [Fact]
    public void BlockHashChangesWithEveryInput()
    {
        var block = BlockSealer.Seal(B.Context, B.Transactions, B.Receipts, B.StateDiff, Felt.Zero, B.Published("state_root"));
        var h = block.Header;
        var variants = new[]
        {
            h with { Number = h.Number + 1 },
            h with { StateRoot = h.StateRoot + Felt.One },
            h with { SequencerAddress = new ContractAddress(h.SequencerAddress.Value + Felt.One) },
            h with { Timestamp = h.Timestamp + 1 },
            h with { ParentHash = new BlockHash(h.ParentHash.Value + Felt.One) },
            h with { L1DaMode = L1DataAvailabilityMode.Calldata },
            h with { StarknetVersion = StarknetVersion.V0_14_1 },
            h with { GasPrices = h.GasPrices with { L2Gas = new GasPrice(1, 2) } },
            h with { Commitments = h.Commitments with { EventCount = 5 } },
            h with { Commitments = h.Commitments with { ReceiptCommitment = Felt.One } },
        };
        var hashes = variants.Select(v => v.ComputeHash()).Append(h.Hash).ToHashSet();
        Assert.Equal(variants.Length + 1, hashes.Count);
    }
}
