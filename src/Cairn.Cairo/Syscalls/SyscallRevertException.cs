using Cairn.Primitives;

namespace Cairn.Cairo.Syscalls;

/// <summary>
/// A syscall reverted: the compiled code receives the failure response with <see cref="Reason"/>
/// (a felt array written to a new segment) and may handle it; the entry point goes on.
/// </summary>
public sealed class SyscallRevertException(IReadOnlyList<Felt> reason)
    : Exception("syscall reverted: " + FormatReason(reason))
{
    public IReadOnlyList<Felt> Reason { get; } = reason;

    public SyscallRevertException(string shortString) : this([Felt.FromShortString(shortString)])
    {
    }

    private static string FormatReason(IReadOnlyList<Felt> reason) =>
        string.Join(", ", reason.Select(f => f.TryToShortString(out var s) && s.Length > 0 ? $"'{s}'" : f.ToString()));
}
