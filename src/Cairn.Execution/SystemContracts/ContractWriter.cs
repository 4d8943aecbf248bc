// STATUS: the infrastructure (ContractWriter, EntryPointWriter, Ptr, U256, FeltSpan, SystemContract,
// StorageLayout) is READY and its public API is stable; ERC20 (StrkToken) and UDC (UniversalDeployer)
// are written with it. See README.md in this folder.
using Cairn.Cairo.Builder;
using Cairn.Cairo.Programs;
using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Writes a Cairo 1 (CASM) contract class in C#: entry points (external, l1_handler, constructor)
/// whose code an <see cref="EntryPointWriter"/> emits with Cairn's <see cref="CasmBuilder"/>, packed
/// with <see cref="CasmContractClass.Create"/> (compiler version "cairn").
/// <para>
/// Each entry point is a function with Starknet's calling convention (cairo-vm.md §9): arguments
/// <c>[builtin pointers in the entry point's order…, gas, syscall_ptr, calldata_start, calldata_end]</c>,
/// results <c>[builtin pointers…, gas, syscall_ptr, panic_flag, retdata_start, retdata_end]</c>.
/// The body is a delegate, run twice by <see cref="Build"/>: once to count the fp-based locals it
/// needs, once to emit the code with exactly that many (<c>ap += n</c> at the entry) — so the body
/// must emit the same code both times (it must not depend on state outside its arguments).
/// </para>
/// <example><code>
/// var w = new ContractWriter("Counter");
/// w.External("increase", ["range_check"], e =>
/// {
///     var by = e.ReadU128(1);
///     e.EndCalldata();
///     var key = StorageLayout.VarAddress("counter");
///     var now = e.StorageRead(key);
///     e.StorageWrite(key, e.Let(now + by));
///     e.Return();
/// });
/// SystemContract c = w.Build();
/// </code></example>
/// </summary>
public sealed class ContractWriter
{
    private readonly List<Definition> _definitions = [];
    private readonly HashSet<(EntryPointType, Felt)> _selectors = [];

    private sealed record Definition(EntryPointType Type, string Name, Felt Selector, IReadOnlyList<string> Builtins, Action<EntryPointWriter> Body);

    /// <param name="name">A name for diagnostics (the class has no name on chain).</param>
    public ContractWriter(string name) => Name = name;

    public string Name { get; }

    /// <summary>Adds an external entry point <paramref name="name"/> (selector <c>sn_keccak(name)</c>).</summary>
    /// <param name="builtins">The builtins the body uses, an ordered subsequence of
    /// <c>pedersen, range_check, bitwise, ec_op, poseidon, …</c> (e.g. <c>["pedersen", "range_check"]</c>).</param>
    public void External(string name, IReadOnlyList<string> builtins, Action<EntryPointWriter> body) =>
        Add(EntryPointType.External, name, builtins, body);

    /// <summary>Adds an L1 handler (its calldata starts with the L1 sender address).</summary>
    public void L1Handler(string name, IReadOnlyList<string> builtins, Action<EntryPointWriter> body) =>
        Add(EntryPointType.L1Handler, name, builtins, body);

    /// <summary>Adds the constructor (selector <c>sn_keccak("constructor")</c>).</summary>
    public void Constructor(IReadOnlyList<string> builtins, Action<EntryPointWriter> body) =>
        Add(EntryPointType.Constructor, "constructor", builtins, body);

    /// <summary>Writes the class. Errors in the bodies are <see cref="CasmBuilderException"/>s.</summary>
    public SystemContract Build()
    {
        var counts = new int[_definitions.Count];
        Emit(counts, measuring: true);
        var (built, offsets) = Emit(counts, measuring: false);
        var eps = new Dictionary<EntryPointType, List<CasmEntryPoint>>
        {
            [EntryPointType.External] = [],
            [EntryPointType.L1Handler] = [],
            [EntryPointType.Constructor] = [],
        };
        for (int i = 0; i < _definitions.Count; i++)
        {
            var d = _definitions[i];
            eps[d.Type].Add(new CasmEntryPoint(d.Selector, offsets[i], d.Builtins.ToArray()));
        }
        var cls = CasmContractClass.Create(built.Words, built.Hints, eps[EntryPointType.External],
            eps[EntryPointType.L1Handler], eps[EntryPointType.Constructor], "cairn");
        return new SystemContract(Name, cls, built.Assembly);
    }

    private (CasmBuildResult Built, int[] Offsets) Emit(int[] locals, bool measuring)
    {
        var b = new CasmBuilder();
        var offsets = new int[_definitions.Count];
        for (int i = 0; i < _definitions.Count; i++)
        {
            var d = _definitions[i];
            string label = $"{d.Type switch { EntryPointType.External => "external", EntryPointType.L1Handler => "l1_handler", _ => "constructor" }}_{d.Name}";
            var f = b.BeginFunction(label, d.Builtins.Count + 4, d.Builtins.Count + 5);
            offsets[i] = f.Entry.Pc!.Value;
            var w = new EntryPointWriter(b, f, d.Name, d.Builtins, measuring ? null : locals[i]);
            d.Body(w);
            w.Finish();
            if (measuring) locals[i] = w.LocalsUsed;
            else if (w.LocalsUsed != locals[i])
            {
                throw new CasmBuilderException($"{Name}.{d.Name}: the body emitted different code on its second run ({w.LocalsUsed} locals, {locals[i]} before)");
            }
        }
        return (b.Build(), offsets);
    }

    private void Add(EntryPointType type, string name, IReadOnlyList<string> builtins, Action<EntryPointWriter> body)
    {
        var selector = StarknetKeccak.Selector(name);
        if (!_selectors.Add((type, selector))) throw new CasmBuilderException($"{Name}: entry point '{name}' ({type}) is defined twice");
        foreach (var bi in builtins)
        {
            if (!Cairn.Cairo.Runners.ContractEntryPointRunner.SupportedBuiltins.Contains(bi)) throw new CasmBuilderException($"{Name}.{name}: builtin '{bi}' is not allowed in a Starknet entry point");
        }
        _definitions.Add(new Definition(type, name, selector, builtins.ToArray(), body));
    }
}
