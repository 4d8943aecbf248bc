namespace Cairn.Execution.Fees;

/// <summary>What the OS spends around a transaction or a syscall: a constant part plus a part per calldata (or linear) unit, scaled.</summary>
public sealed record OsResourceCost(VmResources Constant, VmResources? PerUnit, long ScalingFactor)
{
    /// <summary>constant + ⌈per_unit · units / scaling⌉ (blockifier <c>CallDataFactor::calculate_resources</c>).</summary>
    public VmResources For(long units, long count = 1)
    {
        var r = new VmResources().Add(Constant, count);
        if (PerUnit is not null && units > 0) r.Add(PerUnit, units, ScalingFactor);
        return r;
    }
}
