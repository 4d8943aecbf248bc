namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// Starknet Cairo 0 (deprecated) syscalls, <c>syscall_handler.&lt;name&gt;(segments=segments,
/// syscall_ptr=ids.syscall_ptr)</c> (cairo-vm.md §7.3, §8.7). Each hands <c>ids.syscall_ptr</c> to
/// <see cref="HintContext.SyscallHandler"/>; the request there starts with the syscall's selector,
/// so a Cairo 0 contract runner installs a handler that decodes deprecated requests.
/// </summary>
internal static class DeprecatedSyscallHints
{
    /// <summary>The deprecated syscalls that have a hint in starknet/common/syscalls.cairo.</summary>
    public static readonly string[] Names =
    [
        "call_contract", "delegate_call", "delegate_l1_handler", "deploy", "emit_event", "get_block_number",
        "get_block_timestamp", "get_caller_address", "get_contract_address", "get_sequencer_address", "get_tx_info",
        "get_tx_signature", "library_call", "library_call_l1_handler", "replace_class", "send_message_to_l1",
        "storage_read", "storage_write",
    ];

    public static string Code(string name) => $"syscall_handler.{name}(segments=segments, syscall_ptr=ids.syscall_ptr)";

    public static void Register(Cairo0HintRegistry r)
    {
        foreach (var name in Names)
        {
            r.Register(Code(name), (c, ids) =>
            {
                var handler = c.SyscallHandler ?? throw new HintException($"syscall_handler.{name}: this run has no syscall handler");
                handler.ExecuteSyscall(c, ids.GetRelocatable(c, "syscall_ptr"));
            });
        }
    }
}
