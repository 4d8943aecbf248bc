using System.Text.Json;
using Cairn.Cairo.Syscalls;

namespace Cairn.Execution.Fees;

/// <summary>
/// The fee and limit constants of one Starknet version, read from an embedded data file
/// (<c>versioned_constants_0_14_1.json</c>, facts from blockifier's versioned constants).
/// </summary>
public sealed class VersionedConstants
{
    private readonly Dictionary<string, ResourceCost> _builtinCosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OsResourceCost> _txResources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OsResourceCost> _syscallResources = new(StringComparer.Ordinal);

    private VersionedConstants()
    {
    }

    public static VersionedConstants V0_14_1 { get; } = LoadEmbedded("versioned_constants_0_14_1.json");

    public required string StarknetVersion { get; init; }

    public ulong ValidateMaxSierraGas { get; private init; }

    public ulong ExecuteMaxSierraGas { get; private init; }

    /// <summary>The gas a fee transfer or an L1 handler call starts with.</summary>
    public ulong DefaultInitialGas { get; private init; }

    /// <summary>The Cairo-step budgets of the validate and execute phases (what bounds calls tracked in steps).</summary>
    public long ValidateMaxSteps { get; private init; }

    public long ExecuteMaxSteps { get; private init; }

    /// <summary>Sierra (L2) gas per Cairo step.</summary>
    public ulong StepGasCost { get; private init; }

    public int MaxRecursionDepth { get; private init; }

    public int MaxEvents { get; private init; }

    public int MaxEventKeys { get; private init; }

    public int MaxEventData { get; private init; }

    public ResourceCost GasPerDataFelt { get; private init; }

    public ResourceCost EventKeyFactor { get; private init; }

    public ResourceCost GasPerCodeByte { get; private init; }

    /// <summary>The cost of a newly allocated storage key, in blob mode and in calldata mode.</summary>
    public GasVector AllocationCostBlob { get; private init; }

    public GasVector AllocationCostCalldata { get; private init; }

    /// <summary>L1 gas per Cairo step (<c>vm_resource_fee_cost.n_steps</c>).</summary>
    public ResourceCost StepFeeCost { get; private init; }

    public VmResources KzgCommitmentPerFelt { get; private init; } = new();

    public GasVector L1HandlerMaxAmounts { get; private init; }

    /// <summary>L1 gas per builtin instance.</summary>
    public IReadOnlyDictionary<string, ResourceCost> BuiltinFeeCosts => _builtinCosts;

    /// <summary>
    /// L2 gas of one L1 gas unit of VM usage: 1 / (step_gas_cost⁻¹ · L1 gas per step), 40,000 in 0.14.
    /// </summary>
    public ulong L2GasPerL1Gas => StepGasCost * StepFeeCost.Denominator / StepFeeCost.Numerator;

    /// <summary>The OS resources of a transaction type (<c>InvokeFunction</c>, <c>Declare</c>, <c>DeployAccount</c>, <c>L1Handler</c>) with its calldata length.</summary>
    public VmResources TransactionOsResources(string txType, int calldataLength) => _txResources[txType].For(calldataLength);

    /// <summary>The OS resources of <paramref name="usage"/> of a syscall (charged for calls tracked in Cairo steps).</summary>
    public VmResources SyscallOsResources(SyscallSelector selector, SyscallUsage usage)
    {
        if (selector == SyscallSelector.Keccak)
        {
            return _syscallResources["KeccakRound"].For(0, usage.Rounds).Add(new VmResources { Steps = 100 }, usage.CallCount);
        }
        return _syscallResources.TryGetValue(selector.ToString(), out var cost) ? cost.For(usage.LinearLength, usage.CallCount) : new VmResources();
    }

    /// <summary>The OS resources of committing <paramref name="dataSegmentLength"/> DA felts to a KZG commitment (blob mode).</summary>
    public VmResources KzgDaResources(int dataSegmentLength)
    {
        // compute_os_kzg_commitment_info · n + the cost of poseidon_hash_many over n felts.
        var r = new VmResources().Add(KzgCommitmentPerFelt, dataSegmentLength);
        int n = dataSegmentLength;
        r.Steps += (n / 10) * 55 + ((n % 10) / 2) * 18 + (n % 2) * 3 + 21;
        r.AddBuiltin("poseidon", n / 2 + 1);
        return r;
    }

    public static VersionedConstants Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var events = root.GetProperty("tx_event_limits");
        var archival = root.GetProperty("archival_data_gas_costs");
        var alloc = root.GetProperty("allocation_cost");
        var vm = root.GetProperty("vm_resource_fee_cost");
        var os = root.GetProperty("os_resources");
        var l1h = root.GetProperty("l1_handler_max_amount_bounds");
        var vc = new VersionedConstants
        {
            StarknetVersion = root.GetProperty("starknet_version").GetString()!,
            ValidateMaxSierraGas = root.GetProperty("validate_max_sierra_gas").GetUInt64(),
            ExecuteMaxSierraGas = root.GetProperty("execute_max_sierra_gas").GetUInt64(),
            DefaultInitialGas = root.GetProperty("default_initial_gas").GetUInt64(),
            StepGasCost = root.GetProperty("step_gas_cost").GetUInt64(),
            ValidateMaxSteps = root.GetProperty("validate_max_n_steps").GetInt64(),
            ExecuteMaxSteps = root.GetProperty("invoke_tx_max_n_steps").GetInt64(),
            MaxRecursionDepth = root.GetProperty("max_recursion_depth").GetInt32(),
            MaxEvents = events.GetProperty("max_n_emitted_events").GetInt32(),
            MaxEventKeys = events.GetProperty("max_keys_length").GetInt32(),
            MaxEventData = events.GetProperty("max_data_length").GetInt32(),
            GasPerDataFelt = Cost(archival.GetProperty("gas_per_data_felt")),
            EventKeyFactor = Cost(archival.GetProperty("event_key_factor")),
            GasPerCodeByte = Cost(archival.GetProperty("gas_per_code_byte")),
            AllocationCostBlob = Vector(alloc.GetProperty("blob")),
            AllocationCostCalldata = Vector(alloc.GetProperty("calldata")),
            StepFeeCost = Cost(vm.GetProperty("n_steps")),
            KzgCommitmentPerFelt = Resources(os.GetProperty("compute_os_kzg_commitment_info")),
            L1HandlerMaxAmounts = Vector(l1h),
        };
        foreach (var b in vm.GetProperty("builtins").EnumerateObject()) vc._builtinCosts[b.Name] = Cost(b.Value);
        foreach (var t in os.GetProperty("execute_txs_inner").EnumerateObject()) vc._txResources[t.Name] = OsCost(t.Value, t.Value.GetProperty("constant"));
        foreach (var s in os.GetProperty("execute_syscalls").EnumerateObject()) vc._syscallResources[s.Name] = OsCost(s.Value, s.Value);
        return vc;
    }

    private static OsResourceCost OsCost(JsonElement entry, JsonElement constant) => new(
        Resources(constant),
        entry.TryGetProperty("calldata_factor", out var f) ? Resources(f) : null,
        entry.TryGetProperty("scaling_factor", out var s) ? s.GetInt64() : 1);

    private static VmResources Resources(JsonElement e)
    {
        var r = new VmResources { Steps = e.GetProperty("n_steps").GetInt64() };
        if (e.TryGetProperty("builtins", out var b))
        {
            foreach (var p in b.EnumerateObject()) r.AddBuiltin(p.Name, p.Value.GetInt64());
        }
        return r;
    }

    private static ResourceCost Cost(JsonElement e) => new(e[0].GetUInt64(), e[1].GetUInt64());

    private static GasVector Vector(JsonElement e) =>
        new(e.GetProperty("l1_gas").GetUInt64(), e.GetProperty("l1_data_gas").GetUInt64(), e.GetProperty("l2_gas").GetUInt64());

    private static VersionedConstants LoadEmbedded(string name)
    {
        var asm = typeof(VersionedConstants).Assembly;
        string resource = asm.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
