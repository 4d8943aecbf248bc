using Cairn.Crypto.Hashing;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Commitments;

/// <summary>
/// The block hash: STARKNET_BLOCK_HASH1 (≥ 0.13.4, spec §8.8), STARKNET_BLOCK_HASH0 (0.13.2 and 0.13.3, §8.9), the
/// packed counts (§8.6), the gas-price element (§8.7) and the partial block hash (§8.10).
/// </summary>
/// <remarks>Source: starkware-libs/sequencer crates/starknet_api/src/block_hash/block_hash_calculator.rs.</remarks>
public static class BlockHasher
{
    public static readonly Felt BlockHash0Prefix = Felt.FromShortString("STARKNET_BLOCK_HASH0");
    public static readonly Felt BlockHash1Prefix = Felt.FromShortString("STARKNET_BLOCK_HASH1");
    public static readonly Felt GasPricesPrefix = Felt.FromShortString("STARKNET_GAS_PRICES0");

    /// <summary>
    /// <c>tx_count &lt;&lt; 192 + event_count &lt;&lt; 128 + state_diff_length &lt;&lt; 64 + (0x80 if BLOB) &lt;&lt; 56</c>.
    /// </summary>
    public static Felt ConcatCounts(ulong transactionCount, ulong eventCount, ulong stateDiffLength, L1DataAvailabilityMode mode) =>
        Felt.FromLimbs(mode == L1DataAvailabilityMode.Blob ? 0x80UL << 56 : 0, stateDiffLength, eventCount, transactionCount);

    /// <summary><c>poseidon_many(["STARKNET_GAS_PRICES0", l1 wei, l1 fri, l1 data wei, l1 data fri, l2 wei, l2 fri])</c>.</summary>
    public static Felt GasPricesHash(GasPrices prices) => Poseidon.HashMany([
        GasPricesPrefix,
        prices.L1Gas.WeiFelt, prices.L1Gas.FriFelt,
        prices.L1DataGas.WeiFelt, prices.L1DataGas.FriFelt,
        prices.L2Gas.WeiFelt, prices.L2Gas.FriFelt,
    ]);

    /// <summary>The block hash of <paramref name="header"/> (its <see cref="BlockHeader.Hash"/> is not read).</summary>
    public static BlockHash Compute(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Compute(header.Number, header.StateRoot, header.SequencerAddress, header.Timestamp, header.GasPrices, header.L1DaMode,
            header.StarknetVersion, header.Commitments, header.ParentHash);
    }

    /// <summary>
    /// The block hash from its inputs: STARKNET_BLOCK_HASH1 for 0.13.4 and later, STARKNET_BLOCK_HASH0 for 0.13.2 and
    /// 0.13.3. Earlier (Pedersen-era) blocks are not supported.
    /// </summary>
    public static BlockHash Compute(
        ulong number, Felt stateRoot, ContractAddress sequencerAddress, ulong timestamp, GasPrices gasPrices,
        L1DataAvailabilityMode l1DaMode, StarknetVersion version, BlockCommitments commitments, BlockHash parentHash)
    {
        if (version < StarknetVersion.V0_13_2)
        {
            throw new NotSupportedException($"block hashes of Starknet {version} (before 0.13.2) are not supported");
        }

        var counts = ConcatCounts(commitments.TransactionCount, commitments.EventCount, commitments.StateDiffLength, l1DaMode);
        if (version >= StarknetVersion.V0_13_4)
        {
            return new BlockHash(Poseidon.HashMany([
                BlockHash1Prefix, number, stateRoot, sequencerAddress.Value, timestamp, counts,
                commitments.StateDiffCommitment, commitments.TransactionCommitment, commitments.EventCommitment,
                commitments.ReceiptCommitment, GasPricesHash(gasPrices), version.ToFelt(), Felt.Zero, parentHash.Value,
            ]));
        }

        return new BlockHash(Poseidon.HashMany([
            BlockHash0Prefix, number, stateRoot, sequencerAddress.Value, timestamp, counts,
            commitments.StateDiffCommitment, commitments.TransactionCommitment, commitments.EventCommitment,
            commitments.ReceiptCommitment,
            gasPrices.L1Gas.WeiFelt, gasPrices.L1Gas.FriFelt, gasPrices.L1DataGas.WeiFelt, gasPrices.L1DataGas.FriFelt,
            version.ToFelt(), Felt.Zero, parentHash.Value,
        ]));
    }

    /// <summary>
    /// The partial block hash of 0.14 consensus: the same formula with state root 0 and parent hash 0, computable
    /// before the state root is committed (§8.10).
    /// </summary>
    public static BlockHash ComputePartial(
        ulong number, ContractAddress sequencerAddress, ulong timestamp, GasPrices gasPrices, L1DataAvailabilityMode l1DaMode,
        StarknetVersion version, BlockCommitments commitments) =>
        Compute(number, Felt.Zero, sequencerAddress, timestamp, gasPrices, l1DaMode, version, commitments, default);
}
