using Cairn.Cairo.Builder;
using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Cairn's account contract: the interface and behaviour of OpenZeppelin's Cairo account (the
/// <c>AccountComponent</c> + <c>SRC5Component</c> mixin, openzeppelin_account 0.x with
/// <c>__execute__ → Array&lt;Span&lt;felt252&gt;&gt;</c>), so that starknet.js uses it unchanged; the
/// transaction signature is checked inside the account's own Cairo code with
/// <see cref="StarkEcdsaCasm"/> (the ec_op builtin), as Starknet accounts do.
/// </summary>
/// <remarks>
/// <para>Entry points (same selectors, calldata, retdata, panic data and storage as OZ):</para>
/// <list type="bullet">
/// <item><c>constructor(public_key)</c>: registers ISRC6 in <c>SRC5_supported_interfaces</c>, stores
/// <c>Account_public_key</c>, emits <c>OwnerAdded(new_owner_guid: public_key)</c>.</item>
/// <item><c>__validate__(calls: Array&lt;Call&gt;)</c>, <c>__validate_declare__(class_hash)</c>,
/// <c>__validate_deploy__(class_hash, salt, public_key)</c>: the transaction signature (tx_info.signature,
/// exactly [r, s]) over tx_info.transaction_hash with the stored key → <c>'VALID'</c>, else panic
/// <c>'Account: invalid signature'</c>.</item>
/// <item><c>__execute__(calls: Array&lt;Call&gt;)</c>: caller must be 0 (<c>'Account: invalid caller'</c>),
/// tx version ≥ 1 (or ≥ 2^128 + 1 for a query; <c>'Account: invalid tx version'</c>); then
/// call_contract for each call in order (a failing call panics with its revert reason); returns every
/// call's retdata (Array&lt;Span&lt;felt252&gt;&gt;).</item>
/// <item><c>is_valid_signature</c>/<c>isValidSignature(hash, signature: Array&lt;felt252&gt;)</c> → 'VALID' or 0;
/// <c>get_public_key</c>/<c>getPublicKey</c>; <c>supports_interface(interface_id)</c> (SRC5: true for
/// ISRC5, else the stored flag).</item>
/// </list>
/// <para>
/// Array&lt;Call&gt; is handled by two entry-point-shaped recursive functions written with
/// <see cref="EntryPointWriter"/> and reached by tail calls (the writer's state cannot be resumed after
/// a call whose pointers it did not advance itself): <c>account__calls</c> deserialises the calls
/// (Cairo 1's 'Failed to deserialize param #1' and 'Input too long for arguments' before anything
/// else, as Sierra's entry wrapper does) and then validates (mode 0) or checks caller and version and
/// starts <c>account__execute_calls</c> (mode 1). Both take the builtins <c>[range_check, ec_op]</c>,
/// so <c>__execute__</c> and <c>__validate__</c> declare both. <c>set_public_key</c> is not provided.
/// </para>
/// <para>
/// Cost (measured by the tests, Cairo steps of the entry point; the OZ class in brackets):
/// <c>__validate__</c> of a one-call multicall 307 [398], <c>is_valid_signature</c> 237 [313] — of which
/// 224 steps and 3 ec_op instances are the signature check — and <c>__execute__</c> of a three-call
/// multicall 437 [867] (without the callees' steps).
/// </para>
/// <para>
/// The class is checked against OpenZeppelin's own (the <c>contracts_MockAccount</c> fixture) entry
/// point by entry point: same retdata, panic data, storage and events for valid and invalid inputs,
/// including corelib's ECDSA edge cases.
/// </para>
/// </remarks>
public static class Account
{
    /// <summary>SRC5's interface id (openzeppelin_introspection::interface::ISRC5_ID).</summary>
    public static readonly Felt Isrc5Id = Felt.Parse("0x3f918d17e5ee77373b56385708f855659a07f75997f365cf87748628532a055");

    /// <summary>SRC6's interface id (openzeppelin_account::interface::ISRC6_ID).</summary>
    public static readonly Felt Isrc6Id = Felt.Parse("0x2ceccef7f994940b3962a6c67e0ba4fcd37df7d131417c604f91e03caecc1cd");

    /// <summary><c>starknet::VALIDATED</c> = 'VALID'.</summary>
    public static readonly Felt Validated = Felt.FromShortString("VALID");

    /// <summary>Storage address of <c>Account_public_key</c>.</summary>
    public static readonly Felt PublicKeyAddress = StorageLayout.VarAddress("Account_public_key");

    /// <summary>Base address of the map <c>SRC5_supported_interfaces</c>.</summary>
    public static readonly Felt SupportedInterfacesBase = StorageLayout.VarAddress("SRC5_supported_interfaces");

    /// <summary>The first event key of <c>OwnerAdded</c>.</summary>
    public static readonly Felt OwnerAddedKey = EntryPointWriter.Selector("OwnerAdded");

    private static readonly Lazy<SystemContract> s_contract = new(Build);

    /// <summary>The account class (built once).</summary>
    public static SystemContract Contract => s_contract.Value;

    /// <summary>Builds the class.</summary>
    public static SystemContract Build() => AccountWriter.Build("Account", Definitions());

    private static List<AccountWriter.Definition> Definitions()
    {
        string[] rc = ["range_check"];
        string[] rcEc = ["range_check", "ec_op"];
        var defs = new List<AccountWriter.Definition>
        {
            // Internal functions (entry-point-shaped, with extra arguments after calldata_end).
            new(null, "account__calls", rcEc, 4, CallsBody),
            new(null, "account__execute_calls", rcEc, 3, ExecuteCallsBody),

            new(EntryPointType.Constructor, "constructor", rc, 0, (w, s) =>
            {
                var publicKey = w.ReadFelt(1);
                w.EndCalldata();
                w.StorageWrite(StorageLayout.MapAddress(SupportedInterfacesBase, Isrc6Id), Felt.One);
                w.StorageWrite(PublicKeyAddress, publicKey);
                w.EmitEvent([OwnerAddedKey, publicKey], []);
                w.Return();
            }),
            new(EntryPointType.External, "__validate__", rcEc, 0, (w, s) =>
            {
                var n = w.ReadFelt(1);
                var callsStart = w.Let(w.Calldata.Start + Felt.One);
                TailCall(w, s.Calls, callsStart, n, Felt.Zero, callsStart, n);
            }),
            new(EntryPointType.External, "__execute__", rcEc, 0, (w, s) =>
            {
                var n = w.ReadFelt(1);
                var callsStart = w.Let(w.Calldata.Start + Felt.One);
                TailCall(w, s.Calls, callsStart, n, Felt.One, callsStart, n);
            }),
            new(EntryPointType.External, "__validate_declare__", rcEc, 0, (w, s) =>
            {
                w.ReadFelt(1);
                w.EndCalldata();
                ValidateTransaction(w, s);
            }),
            new(EntryPointType.External, "__validate_deploy__", rcEc, 0, (w, s) =>
            {
                w.ReadFelt(1);
                w.ReadFelt(2);
                w.ReadFelt(3);
                w.EndCalldata();
                ValidateTransaction(w, s);
            }),
            new(EntryPointType.External, "supports_interface", ["pedersen", "range_check"], 0, (w, s) =>
            {
                var id = w.ReadFelt(1);
                w.EndCalldata();
                var b = w.Builder;
                var result = w.Local();
                w.If(w.IsEqual(id, Isrc5Id),
                    () => b.AssertEq(result, 1),
                    () => b.AssertEq(result, w.IsNonZero(w.StorageRead(w.MapAddress(SupportedInterfacesBase, id)))));
                w.Return(result);
            }),
        };
        foreach (var name in new[] { "is_valid_signature", "isValidSignature" })
        {
            defs.Add(new(EntryPointType.External, name, rcEc, 0, (w, s) =>
            {
                var hash = w.ReadFelt(1);
                var signature = w.ReadFeltArray(2);
                w.EndCalldata();
                var publicKey = w.StorageRead(PublicKeyAddress);
                var valid = IsValidSignature(w, s, hash, publicKey, signature);
                w.Return(w.Let(valid * Validated));
            }));
        }
        foreach (var name in new[] { "get_public_key", "getPublicKey" })
        {
            defs.Add(new(EntryPointType.External, name, rc, 0, (w, s) =>
            {
                w.EndCalldata();
                w.Return(w.StorageRead(PublicKeyAddress));
            }));
        }
        return defs;
    }

    /// <summary>
    /// <c>account__calls(range_check, ec_op, gas, syscall, cursor, calldata_end | n, mode, calls_start, n_total)</c>:
    /// deserialises the next n calls (to: ContractAddress below 2^251, selector, calldata: Array&lt;felt252&gt;);
    /// at the end checks that the calldata is exhausted, then validates (mode 0) or starts the execution (mode 1).
    /// </summary>
    private static void CallsBody(EntryPointWriter w, AccountWriter.Shared s)
    {
        var f = s.Calls;
        var (n, mode, callsStart, nTotal) = (f.Arg(6), f.Arg(7), f.Arg(8), f.Arg(9));
        w.If(n,
            () =>
            {
                var to = w.ReadFelt(1);
                w.CheckLess(to, System.Numerics.BigInteger.One << 251, () => w.FailParam(1));
                w.ReadFelt(1);
                var calldata = ReadCalldataSpan(w, f.Arg(4));
                TailCall(w, f, calldata.End, n - Felt.One, mode, callsStart, nTotal);
            },
            () =>
            {
                w.EndCalldata();
                w.If(mode,
                    () =>
                    {
                        w.PanicIf(w.CallerAddress(), "Account: invalid caller");
                        var info = w.GetExecutionInfo();
                        var txInfo = w.Let(info.Deref(1));
                        var version = w.Let(txInfo.Deref(0));
                        // Valid: 1 ≤ version < 2^128, or version ≥ 2^128 + 1 (a query); i.e. version ∉ {0, 2^128}.
                        w.AssertNonZero(version, "Account: invalid tx version");
                        w.AssertNonZero(w.Let(version - Felt.FromBigInteger(EntryPointWriter.U128Bound)), "Account: invalid tx version");
                        var output = w.NewArray();
                        w.Builder.AssertEq(nTotal, output.Deref(0));
                        TailCall(w, s.ExecuteCalls, callsStart, nTotal, output, w.Let(output + Felt.One));
                    },
                    () => ValidateTransaction(w, s));
            });
    }

    /// <summary>
    /// <c>account__execute_calls(range_check, ec_op, gas, syscall, cursor, calldata_end | n, out_start, out)</c>:
    /// call_contract for the next n calls (already deserialised once), appending <c>[len, retdata…]</c> at out.
    /// </summary>
    private static void ExecuteCallsBody(EntryPointWriter w, AccountWriter.Shared s)
    {
        var f = s.ExecuteCalls;
        var (n, outStart, output) = (f.Arg(6), f.Arg(7), f.Arg(8));
        w.If(n,
            () =>
            {
                var to = w.ReadFelt(1);
                var selector = w.ReadFelt(1);
                var calldata = ReadCalldataSpan(w, f.Arg(4));
                var retdata = w.CallContract(to, selector, calldata);
                var length = w.Let(retdata.End - retdata.Start);
                w.Builder.AssertEq(length, output.Deref(0));
                var items = w.Let(output + Felt.One);
                w.CopyTo(retdata, items);
                TailCall(w, f, calldata.End, n - Felt.One, outStart, w.Let(items + length));
            },
            () =>
            {
                w.EndCalldata();
                w.Return(new FeltSpan(outStart, output));
            });
    }

    /// <summary>
    /// Reads <c>Call.calldata</c>, a <c>Span&lt;felt252&gt;</c>, the way Cairo 2.10's corelib deserialises one
    /// (which differs from <c>Array&lt;felt252&gt;</c>): the length must fit in a u32 ('Failed to deserialize
    /// param #1' otherwise), then the items are sliced off, which panics 'Index out of bounds' when fewer
    /// remain. <paramref name="callStart"/> is the address of the Call (to, selector, length, items…), the
    /// cursor the function was given.
    /// </summary>
    private static FeltSpan ReadCalldataSpan(EntryPointWriter w, Cell callStart)
    {
        var length = w.ReadFelt(1);
        w.CheckLess(length, System.Numerics.BigInteger.One << 32, () => w.FailParam(1));
        var start = w.Let(callStart + Felt.FromUInt64(3));
        var remaining = w.Let(w.Calldata.End - start);
        // remaining − length ∈ (−2^32, 2^64): below 2^128 exactly when length ≤ remaining.
        w.CheckLess(w.Let(remaining - length), EntryPointWriter.U128Bound, () => w.Panic("Index out of bounds"));
        return new FeltSpan(start, w.Let(start + length));
    }

    /// <summary>OZ's <c>validate_transaction</c>: tx_info's signature over its hash with the stored key → 'VALID', else panic.</summary>
    private static void ValidateTransaction(EntryPointWriter w, AccountWriter.Shared s)
    {
        var info = w.GetExecutionInfo();
        var txInfo = w.Let(info.Deref(1));
        var hash = w.Let(txInfo.Deref(5));
        var signature = new FeltSpan(w.Let(txInfo.Deref(3)), w.Let(txInfo.Deref(4)));
        var publicKey = w.StorageRead(PublicKeyAddress);
        var valid = IsValidSignature(w, s, hash, publicKey, signature);
        w.AssertNonZero(valid, "Account: invalid signature");
        w.Return(Validated);
    }

    /// <summary>OZ's <c>is_valid_stark_signature</c>: false unless the signature has exactly 2 items, else check_ecdsa_signature. A local, 0 or 1.</summary>
    private static Cell IsValidSignature(EntryPointWriter w, AccountWriter.Shared s, Cell hash, Cell publicKey, FeltSpan signature)
    {
        var b = w.Builder;
        var length = w.Let(signature.End - signature.Start);
        var result = w.Local();
        w.If(w.IsEqual(length, 2),
            () =>
            {
                var ec = w.BuiltinPtr("ec_op");
                var res = b.Call(s.Check, ec.Value, hash, publicKey, signature.Start.Deref(0), signature.Start.Deref(1));
                b.AssertEq(result, res[1]);
                w.AdvanceBuiltin("ec_op", 7 * StarkEcdsaCasm.EcOpInstances);
            },
            () => b.AssertEq(result, 0));
        return result;
    }

    /// <summary>
    /// Ends the current function with a tail call of an entry-point-shaped function: pushes the current
    /// builtins, gas and syscall pointer, the calldata cursor <paramref name="cursor"/> and end, and
    /// <paramref name="extra"/>; its results (the same shape) become this function's results.
    /// </summary>
    private static void TailCall(EntryPointWriter w, Function f, Expr cursor, params Expr[] extra)
    {
        var args = new List<Expr>
        {
            w.BuiltinPtr("range_check").Value,
            w.BuiltinPtr("ec_op").Value,
            w.Gas,
            w.SyscallPtr.Value,
            cursor,
            w.Calldata.End,
        };
        args.AddRange(extra);
        w.Builder.Call(f, args.ToArray());
        w.Builder.Ret();
    }
}
