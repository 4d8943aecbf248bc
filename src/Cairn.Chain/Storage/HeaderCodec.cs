using Cairn.Chain.Commitments;
using Cairn.Primitives.Ids;

namespace Cairn.Chain.Storage;

/// <summary>Binary form of a block header: every field of <see cref="BlockHeader"/> in declaration order.</summary>
internal static class HeaderCodec
{
    public static void Write(ByteWriter w, BlockHeader h)
    {
        w.VarUInt(h.Number);
        w.Felt(h.Hash.Value);
        w.Felt(h.ParentHash.Value);
        w.Felt(h.StateRoot);
        w.Felt(h.SequencerAddress.Value);
        w.VarUInt(h.Timestamp);
        WritePrice(w, h.GasPrices.L1Gas);
        WritePrice(w, h.GasPrices.L1DataGas);
        WritePrice(w, h.GasPrices.L2Gas);
        w.Bool(h.L1DaMode == L1DataAvailabilityMode.Blob);
        w.String(h.StarknetVersion.Text);
        var c = h.Commitments;
        w.Felt(c.TransactionCommitment);
        w.Felt(c.EventCommitment);
        w.Felt(c.ReceiptCommitment);
        w.Felt(c.StateDiffCommitment);
        w.VarUInt(c.TransactionCount);
        w.VarUInt(c.EventCount);
        w.VarUInt(c.StateDiffLength);
    }

    public static BlockHeader Read(ref ByteReader r) => new()
    {
        Number = r.VarUInt(),
        Hash = new BlockHash(r.Felt()),
        ParentHash = new BlockHash(r.Felt()),
        StateRoot = r.Felt(),
        SequencerAddress = new ContractAddress(r.Felt()),
        Timestamp = r.VarUInt(),
        GasPrices = new GasPrices(ReadPrice(ref r), ReadPrice(ref r), ReadPrice(ref r)),
        L1DaMode = r.Bool() ? L1DataAvailabilityMode.Blob : L1DataAvailabilityMode.Calldata,
        StarknetVersion = StarknetVersion.Parse(r.String()),
        Commitments = new BlockCommitments(r.Felt(), r.Felt(), r.Felt(), r.Felt(), r.VarUInt(), r.VarUInt(), r.VarUInt()),
    };

    private static void WritePrice(ByteWriter w, GasPrice p)
    {
        w.UInt128(p.Wei);
        w.UInt128(p.Fri);
    }

    private static GasPrice ReadPrice(ref ByteReader r) => new(r.UInt128(), r.UInt128());
}
