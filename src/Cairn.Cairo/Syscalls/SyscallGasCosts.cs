namespace Cairn.Cairo.Syscalls;

/// <summary>
/// Syscall gas costs in L2 gas (cairo-vm.md §8.5): a base cost per selector, a per-element linear
/// factor for the calls that have one, and the Keccak round cost charged inside Keccak. The entry
/// code of every compiled syscall has already paid <see cref="SyscallBaseGasCost"/>.
/// </summary>
public sealed class SyscallGasCosts
{
    private readonly Dictionary<SyscallSelector, (long Base, long Linear)> _costs;

    private SyscallGasCosts(string version, Dictionary<SyscallSelector, (long, long)> costs, long keccakRound)
    {
        Version = version;
        _costs = costs;
        KeccakRoundCost = keccakRound;
    }

    /// <summary>Starknet 0.14.1 (= 0.14.0) versioned constants.</summary>
    public static SyscallGasCosts V0_14_1 { get; } = new("0.14.1", new()
    {
        [SyscallSelector.CallContract] = (91_560, 0),
        [SyscallSelector.LibraryCall] = (89_160, 0),
        [SyscallSelector.Deploy] = (147_120, 4_850),
        [SyscallSelector.MetaTxV0] = (167_950, 4_850),
        [SyscallSelector.EmitEvent] = (10_000, 0),
        [SyscallSelector.GetBlockHash] = (10_840, 0),
        [SyscallSelector.GetExecutionInfo] = (12_640, 0),
        [SyscallSelector.GetClassHashAt] = (10_000, 0),
        [SyscallSelector.StorageRead] = (10_000, 0),
        [SyscallSelector.StorageWrite] = (10_000, 0),
        [SyscallSelector.SendMessageToL1] = (14_470, 0),
        [SyscallSelector.ReplaceClass] = (10_670, 0),
        [SyscallSelector.Keccak] = (10_000, 0),
        [SyscallSelector.Sha256ProcessBlock] = (841_295, 0),
        [SyscallSelector.Sha512ProcessBlock] = (10_000, 0),
        [SyscallSelector.Secp256k1New] = (48_750, 0),
        [SyscallSelector.Secp256k1Add] = (43_230, 0),
        [SyscallSelector.Secp256k1Mul] = (8_143_850, 0),
        [SyscallSelector.Secp256k1GetPointFromX] = (41_800, 0),
        [SyscallSelector.Secp256k1GetXy] = (21_670, 0),
        [SyscallSelector.Secp256r1New] = (61_630, 0),
        [SyscallSelector.Secp256r1Add] = (63_490, 0),
        [SyscallSelector.Secp256r1Mul] = (13_511_870, 0),
        [SyscallSelector.Secp256r1GetPointFromX] = (54_680, 0),
        [SyscallSelector.Secp256r1GetXy] = (21_870, 0),
    }, 171_707);

    /// <summary>Gas the compiled code charges before every syscall (100 steps).</summary>
    public const long SyscallBaseGasCost = 10_000;

    /// <summary>Gas pre-charged for the entry code of every entry point (<c>entry_point_initial_budget</c>).</summary>
    public const long EntryPointInitialBudget = 10_000;

    /// <summary>The Starknet version these constants belong to.</summary>
    public string Version { get; }

    /// <summary>Gas per Keccak-f round (one 17-word block), charged by the Keccak syscall.</summary>
    public long KeccakRoundCost { get; }

    /// <summary>The full cost of a syscall with <paramref name="linearLength"/> elements (calldata, payload).</summary>
    public long Cost(SyscallSelector selector, long linearLength = 0)
    {
        var (b, l) = _costs[selector];
        return b + l * linearLength;
    }
}
