using Cairn.Cairo.Builder;
using Cairn.Cairo.Programs;
using Cairn.Crypto.Hashing;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// The driver that writes <see cref="Account"/>'s class: the same two-pass scheme as
/// <see cref="ContractWriter"/> (count each body's locals, then emit with exactly that many), with the
/// code of every entry point emitted by an <see cref="EntryPointWriter"/>, plus what the account needs
/// and <see cref="ContractWriter"/> does not offer: functions shared by the entry points
/// (<see cref="StarkEcdsaCasm"/>'s check, emitted first) and internal entry-point-shaped functions
/// (recursive loops over <c>Array&lt;Call&gt;</c>) with extra arguments after <c>calldata_end</c>.
/// </summary>
internal static class AccountWriter
{
    /// <summary>
    /// An entry point (<paramref name="Type"/> set) or an internal function (<paramref name="Type"/> null,
    /// <paramref name="Name"/> its label): arguments <c>[builtins…, gas, syscall_ptr, cursor, calldata_end, extra…]</c>
    /// (<paramref name="ExtraArgs"/> extras), results <c>[builtins…, gas, syscall_ptr, panic_flag, start, end]</c>.
    /// </summary>
    internal sealed record Definition(EntryPointType? Type, string Name, IReadOnlyList<string> Builtins, int ExtraArgs, Action<EntryPointWriter, Shared> Body);

    /// <summary>The functions the bodies may call.</summary>
    internal sealed record Shared(Function Check, Function Calls, Function ExecuteCalls);

    internal static SystemContract Build(string name, IReadOnlyList<Definition> definitions)
    {
        var counts = new int[definitions.Count];
        Emit(name, definitions, counts, measuring: true);
        var (built, offsets) = Emit(name, definitions, counts, measuring: false);
        var eps = new Dictionary<EntryPointType, List<CasmEntryPoint>>
        {
            [EntryPointType.External] = [],
            [EntryPointType.L1Handler] = [],
            [EntryPointType.Constructor] = [],
        };
        for (int i = 0; i < definitions.Count; i++)
        {
            if (definitions[i].Type is not { } type) continue;
            eps[type].Add(new CasmEntryPoint(StarknetKeccak.Selector(definitions[i].Name), offsets[i], definitions[i].Builtins.ToArray()));
        }
        var cls = CasmContractClass.Create(built.Words, built.Hints, eps[EntryPointType.External],
            eps[EntryPointType.L1Handler], eps[EntryPointType.Constructor], "cairn");
        return new SystemContract(name, cls, built.Assembly);
    }

    private static (CasmBuildResult Built, int[] Offsets) Emit(string name, IReadOnlyList<Definition> definitions, int[] locals, bool measuring)
    {
        var b = new CasmBuilder();
        var check = StarkEcdsaCasm.Emit(b);
        var functions = new Function[definitions.Count];
        for (int i = 0; i < definitions.Count; i++)
        {
            var d = definitions[i];
            string label = d.Type switch
            {
                null => d.Name,
                EntryPointType.External => "external_" + d.Name,
                EntryPointType.L1Handler => "l1_handler_" + d.Name,
                _ => "constructor_" + d.Name,
            };
            functions[i] = b.DeclareFunction(label, d.Builtins.Count + 4 + d.ExtraArgs, d.Builtins.Count + 5);
        }
        Function Internal(string n) => functions[definitions.ToList().FindIndex(d => d.Type is null && d.Name == n)];
        var shared = new Shared(check, Internal("account__calls"), Internal("account__execute_calls"));
        var offsets = new int[definitions.Count];
        for (int i = 0; i < definitions.Count; i++)
        {
            var d = definitions[i];
            b.BeginFunction(functions[i]);
            offsets[i] = functions[i].Entry.Pc!.Value;
            var w = new EntryPointWriter(b, functions[i], d.Name, d.Builtins, measuring ? null : locals[i]);
            d.Body(w, shared);
            w.Finish();
            if (measuring) locals[i] = w.LocalsUsed;
            else if (w.LocalsUsed != locals[i])
            {
                throw new CasmBuilderException($"{name}.{d.Name}: the body emitted different code on its second run ({w.LocalsUsed} locals, {locals[i]} before)");
            }
        }
        return (b.Build(), offsets);
    }
}
