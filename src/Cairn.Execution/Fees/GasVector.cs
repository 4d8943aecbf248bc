namespace Cairn.Execution.Fees;

/// <summary>Amounts of the three Starknet gas kinds (RPC <c>EXECUTION_RESOURCES</c>: l1_gas, l1_data_gas, l2_gas).</summary>
public readonly record struct GasVector(ulong L1Gas, ulong L1DataGas, ulong L2Gas)
{
    public static GasVector Zero => default;

    public static GasVector FromL1Gas(ulong amount) => new(amount, 0, 0);

    public static GasVector FromL1DataGas(ulong amount) => new(0, amount, 0);

    public static GasVector FromL2Gas(ulong amount) => new(0, 0, amount);

    public static GasVector operator +(GasVector a, GasVector b) =>
        new(checked(a.L1Gas + b.L1Gas), checked(a.L1DataGas + b.L1DataGas), checked(a.L2Gas + b.L2Gas));

    public static GasVector operator *(GasVector a, ulong k) => new(checked(a.L1Gas * k), checked(a.L1DataGas * k), checked(a.L2Gas * k));

    /// <summary>Each amount capped by the matching one of <paramref name="max"/>.</summary>
    public GasVector Min(GasVector max) => new(Math.Min(L1Gas, max.L1Gas), Math.Min(L1DataGas, max.L1DataGas), Math.Min(L2Gas, max.L2Gas));

    /// <summary>l1·p1 + data·pd + l2·(p2 + tip) (blockifier <c>GasVector::cost</c> with the tip).</summary>
    public UInt128 Cost(GasPrices prices, FeeUnit unit, ulong tip = 0)
    {
        var (p1, pd, p2) = prices.For(unit);
        return checked((UInt128)L1Gas * p1 + (UInt128)L1DataGas * pd + (UInt128)L2Gas * (p2 + tip));
    }
}
