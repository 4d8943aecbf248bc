using Cairn.Primitives;

namespace Cairn.Cairo.Runners;

/// <summary>
/// The outcome of one contract entry point (cairo-vm.md §9.5): return data (the panic data when
/// <see cref="Failed"/>), gas consumed, and the VM resources used.
/// </summary>
public sealed record EntryPointResult(
    IReadOnlyList<Felt> Retdata,
    bool Failed,
    ulong GasConsumed,
    long Steps,
    IReadOnlyDictionary<string, int> BuiltinInstances);
