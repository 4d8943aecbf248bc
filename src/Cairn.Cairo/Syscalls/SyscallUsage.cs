namespace Cairn.Cairo.Syscalls;

/// <summary>How often a syscall ran in a call, the summed linear lengths, and (Keccak) the rounds (cairo-vm.md §8.6).</summary>
public readonly record struct SyscallUsage(int CallCount, long LinearLength, int Rounds = 0);
