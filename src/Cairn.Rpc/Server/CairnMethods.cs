using System.Text.Json;
using Cairn.Cairo.Programs;
using Cairn.Execution.Transactions;
using Cairn.Rpc.Json;

namespace Cairn.Rpc.Server;

/// <summary>
/// Cairn's extension for the CASM of a declared class. Starknet's <c>starknet_addDeclareTransaction</c> carries only the
/// Sierra class and the compiled class hash; Cairn does not compile Sierra, so the CASM (Scarb's
/// <c>*.compiled_contract_class.json</c>) reaches the node by one of:
/// <list type="bullet">
/// <item><c>cairn_addDeclareTransaction(declare_transaction, compiled_class)</c> → <c>{transaction_hash, class_hash}</c>:
/// the params of <c>starknet_addDeclareTransaction</c> plus the CASM JSON object.</item>
/// <item><c>cairn_addCompiledClass(compiled_class)</c> → <c>{compiled_class_hash}</c>: stores the CASM under its compiled
/// class hash; a later <c>starknet_addDeclareTransaction</c> (e.g. from starknet.js) with that hash finds it.</item>
/// </list>
/// Either way the CASM is accepted only if its compiled class hash equals the transaction's (else
/// COMPILED_CLASS_HASH_MISMATCH, 60); a declare whose CASM the node does not have fails with COMPILATION_FAILED (56).
/// A CASM that does not parse is -32602.
/// </summary>
public static class CairnMethods
{
    public static IEnumerable<RpcMethod> All() =>
    [
        new("cairn_addDeclareTransaction", ["declare_transaction", "compiled_class"], (c, w) =>
            StarknetMethods.AddTransactionAsync(c, w, TransactionType.Declare, ParseCasm(c, 1))),
        new("cairn_addCompiledClass", ["compiled_class"], (c, w) => StarknetMethods.Done(() =>
        {
            var hash = c.Backend.AddCompiledClass(ParseCasm(c, 0));
            w.WriteStartObject();
            w.WriteFelt("compiled_class_hash", hash.Value);
            w.WriteEndObject();
        })),
    ];

    private static CasmContractClass ParseCasm(RpcCall c, int i)
    {
        var e = c[i];
        if (e.ValueKind != JsonValueKind.Object) throw new RpcParamException($"{c.Name(i)}: expected a CASM class object, got {ParamReader.Describe(e)}");
        try
        {
            return CasmContractClass.Parse(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()));
        }
        catch (Exception x) when (x is not OperationCanceledException)
        {
            throw new RpcParamException($"{c.Name(i)}: {x.Message}");
        }
    }
}
