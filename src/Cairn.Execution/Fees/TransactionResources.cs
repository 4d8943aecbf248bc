namespace Cairn.Execution.Fees;

/// <summary>
/// Everything a transaction is charged for (blockifier <c>TransactionResources</c>): archival data
/// (calldata, signature, declared code, events), state changes (data availability and newly
/// allocated keys), L1↔L2 messages, and computation (VM resources of calls tracked in Cairo steps
/// plus the OS's own resources, and the Sierra gas of calls tracked in gas, reverted parts included).
/// </summary>
public sealed class TransactionResources
{
    // eth_gas_constants / abi constants of blockifier.
    private const ulong GasPerMemoryWord = 16 * 32;
    private const ulong DataGasPerFieldElement = (1 << 17) / (1 << 12);
    private const ulong SharpGasPerMemoryWord = GasPerMemoryWord + 100;
    private const ulong SharpGasPerDaWord = SharpGasPerMemoryWord - SharpGasPerMemoryWord * 10 / 100;
    private const ulong GasPerZeroToNonzeroStorageSet = 20000;
    private const ulong GasPerCounterDecrease = 2100 + 2900;
    private const ulong GasPerLog = 375;
    private const ulong GasPerLogTopic = 375;
    private const ulong GasPerLogDataWord = 8 * 32;
    private const int L2ToL1MessageHeaderSize = 3;
    private const int L1ToL2MessageHeaderSize = 5;
    private const int ConsumedMessageTopics = 3;
    private const int ConsumedMessageDataSize = L1ToL2MessageHeaderSize + 1 - ConsumedMessageTopics;
    private const int LogMessageTopics = 2;
    private const int LogMessageDataSize = L2ToL1MessageHeaderSize + 1 - LogMessageTopics;
    private const int DefaultTopics = 1;

    public int CalldataLength { get; init; }

    public int SignatureLength { get; init; }

    /// <summary>Bytes of declared code: (CASM bytecode + Sierra program) felts · 32 + ABI length.</summary>
    public int CodeSize { get; init; }

    public int EventKeys { get; init; }

    public int EventData { get; init; }

    public IReadOnlyList<int> L2ToL1PayloadLengths { get; init; } = [];

    /// <summary>For an L1 handler: its payload length (calldata without the L1 sender).</summary>
    public int? L1HandlerPayloadSize { get; init; }

    public StateChangesCount StateChanges { get; init; }

    public int AllocatedKeys { get; init; }

    /// <summary>VM resources charged in Cairo steps: calls tracked in steps, their syscalls' OS resources, the transaction's OS resources.</summary>
    public VmResources Vm { get; init; } = new();

    public long RevertedSteps { get; init; }

    public ulong SierraGas { get; init; }

    public ulong RevertedSierraGas { get; init; }

    /// <summary>The total gas (blockifier <c>TransactionResources::to_gas_vector</c>, computation mode All).</summary>
    public GasVector ToGasVector(VersionedConstants vc, bool useKzgDa) =>
        ArchivalGas(vc) + StateGas(vc, useKzgDa) + MessageGas() + ComputationGas(vc);

    public GasVector ArchivalGas(VersionedConstants vc)
    {
        ulong data = vc.GasPerDataFelt.FloorTimes((ulong)(CalldataLength + SignatureLength));
        ulong code = vc.GasPerCodeByte.FloorTimes((ulong)CodeSize);
        // data-felt price · (key factor · keys + data), exact in rationals, then truncated.
        var k = vc.EventKeyFactor;
        var f = vc.GasPerDataFelt;
        ulong events = (ulong)((UInt128)f.Numerator * ((UInt128)k.Numerator * (ulong)EventKeys + (UInt128)(ulong)EventData * k.Denominator)
            / ((UInt128)f.Denominator * k.Denominator));
        return GasVector.FromL2Gas(checked(data + code + events));
    }

    public GasVector StateGas(VersionedConstants vc, bool useKzgDa)
    {
        ulong length = (ulong)StateChanges.OnchainDataSegmentLength;
        GasVector da;
        if (useKzgDa)
        {
            da = GasVector.FromL1DataGas(length * DataGasPerFieldElement);
        }
        else
        {
            ulong naive = length * SharpGasPerDaWord;
            ulong discount = (ulong)StateChanges.ModifiedContracts * (GasPerMemoryWord - CalldataWordCost(1 + 2 + 3)) + (GasPerMemoryWord - CalldataWordCost(12));
            da = GasVector.FromL1Gas(naive < discount ? 0 : naive - discount);
        }
        return da + (useKzgDa ? vc.AllocationCostBlob : vc.AllocationCostCalldata) * (ulong)AllocatedKeys;
    }

    public GasVector MessageGas()
    {
        int segment = 0;
        foreach (var len in L2ToL1PayloadLengths) segment += L2ToL1MessageHeaderSize + len;
        if (L1HandlerPayloadSize is { } p) segment += L1ToL2MessageHeaderSize + p;
        ulong gas = (ulong)segment * GasPerMemoryWord
            + (ulong)L2ToL1PayloadLengths.Count * GasPerZeroToNonzeroStorageSet
            + (L1HandlerPayloadSize is null ? 0 : GasPerCounterDecrease);
        if (L1HandlerPayloadSize is { } size) gas += LogCost(ConsumedMessageTopics, ConsumedMessageDataSize + size);
        foreach (var len in L2ToL1PayloadLengths) gas += LogCost(LogMessageTopics, LogMessageDataSize + len);
        gas += (ulong)segment * SharpGasPerMemoryWord;
        return GasVector.FromL1Gas(gas);
    }

    /// <summary>
    /// VM resources become L1 gas by their heaviest component (steps or one builtin, as a proof's size is
    /// set by its largest segment), then L2 gas at <see cref="VersionedConstants.L2GasPerL1Gas"/>; Sierra gas is L2 gas.
    /// </summary>
    public GasVector ComputationGas(VersionedConstants vc)
    {
        ulong l1 = vc.StepFeeCost.CeilTimes((ulong)(Vm.Steps + RevertedSteps));
        foreach (var (name, n) in Vm.Builtins)
        {
            if (name is "segment_arena" or "gas" or "system") continue;
            if (!vc.BuiltinFeeCosts.TryGetValue(name, out var cost)) throw new InvalidOperationException($"no fee cost for builtin '{name}'");
            l1 = Math.Max(l1, cost.CeilTimes((ulong)n));
        }
        return GasVector.FromL2Gas(checked(l1 * vc.L2GasPerL1Gas + SierraGas + RevertedSierraGas));
    }

    private static ulong LogCost(int topics, int dataLength) =>
        GasPerLog + (ulong)(topics + DefaultTopics) * GasPerLogTopic + (ulong)dataLength * GasPerLogDataWord;

    private static ulong CalldataWordCost(ulong nonzeroBytes) => nonzeroBytes * 16 + (32 - nonzeroBytes) * 4;
}
