using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>The outcome of an inner call made through a syscall: return data (panic data when failed) and gas used.</summary>
public sealed record CallResult(IReadOnlyList<Felt> Retdata, bool Failed, ulong GasConsumed);
