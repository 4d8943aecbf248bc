using Cairn.Cairo.Builder;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Cairn's universal deployer (UDC), with the interface of Starknet's UDC as starknet.js calls it:
/// <c>deployContract(classHash, salt, unique: bool, calldata: Array&lt;felt252&gt;) -&gt; ContractAddress</c>
/// (legacy name; <c>deploy_contract</c> is the same entry point under OpenZeppelin's v2 name).
/// With <c>unique</c> the salt is <c>pedersen(caller, salt)</c> and the deployer address is the UDC's;
/// otherwise the contract is deployed from zero (deployer address 0). Emits
/// <c>ContractDeployed</c>: keys <c>[sn_keccak('ContractDeployed')]</c>, data
/// <c>[address, deployer, unique, classHash, calldata_len, calldata…, salt]</c> (the caller's salt),
/// which starknet.js's <c>parseDeployerEvent</c> reads.
/// </summary>
public static partial class UniversalDeployer
{
    private static readonly string[] Builtins = ["pedersen", "range_check"];
    private static readonly Lazy<SystemContract> s_contract = new(Write);

    /// <summary>The class (built on first use).</summary>
    public static SystemContract Contract => s_contract.Value;

    /// <summary>Where starknet.js 10's default deployer looks for the UDC (<c>constants.UDC.ADDRESS</c>, entry point <c>deploy_contract</c>).</summary>
    public static readonly Felt Address = Felt.Parse("0x02ceed65a4bd731034c01113685c831b01c15d7d432f71afb1cf1634b53a2125");

    /// <summary>The legacy UDC address (<c>constants.LegacyUDC.ADDRESS</c>, entry point <c>deployContract</c>).</summary>
    public static readonly Felt LegacyAddress = Felt.Parse("0x041a78e741e5af2fec34b695679bc6891742439f7afb8484ecd7766661ad02bf");

    /// <summary>The key of the ContractDeployed event.</summary>
    public static readonly Felt ContractDeployedEvent = StorageLayout.VarAddress("ContractDeployed");

    private static SystemContract Write()
    {
        var w = new ContractWriter("UniversalDeployer");
        w.External("deployContract", Builtins, DeployContract);
        w.External("deploy_contract", Builtins, DeployContract);
        return w.Build();
    }

    private static void DeployContract(EntryPointWriter e)
    {
        var b = e.Builder;
        var classHash = e.ReadAddress(1);
        var salt = e.ReadFelt(2);
        var unique = e.ReadBool(3);
        var calldata = e.ReadFeltArray(4);
        e.EndCalldata();
        var deployer = e.CallerAddress();
        var effectiveSalt = e.Local();
        var fromZero = e.Local();
        e.If(unique,
            () =>
            {
                b.AssertEq(effectiveSalt, e.Pedersen(deployer, salt));
                b.AssertEq(fromZero, Expr.Imm(Felt.Zero));
            },
            () =>
            {
                b.AssertEq(effectiveSalt, salt);
                b.AssertEq(fromZero, Expr.Imm(Felt.One));
            });
        var (address, _) = e.Deploy(classHash, effectiveSalt, calldata, fromZero);

        var keys = e.NewArray();
        b.AssertEq(e.Temp(ContractDeployedEvent), keys.Deref(0));
        var data = e.NewArray();
        var length = e.Let(calldata.End - calldata.Start);
        b.AssertEq(address, data.Deref(0));
        b.AssertEq(deployer, data.Deref(1));
        b.AssertEq(unique, data.Deref(2));
        b.AssertEq(classHash, data.Deref(3));
        b.AssertEq(length, data.Deref(4));
        e.CopyTo(calldata, data + (Felt)5);
        var saltAt = e.Let(e.Temp(data + (Felt)5) + length);
        b.AssertEq(salt, saltAt.Deref(0));
        e.EmitEvent(new FeltSpan(keys, e.Let(keys + Felt.One)), new FeltSpan(data, e.Let(saltAt + Felt.One)));
        e.Return(address);
    }
}
