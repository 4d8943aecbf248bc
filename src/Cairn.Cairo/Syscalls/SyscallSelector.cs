namespace Cairn.Cairo.Syscalls;

/// <summary>
/// The Cairo 1 syscalls (cairo-vm.md §8.3). A request starts with the selector: the ASCII name as a
/// big-endian short-string felt (e.g. 'StorageRead').
/// </summary>
public enum SyscallSelector
{
    CallContract,
    LibraryCall,
    Deploy,
    EmitEvent,
    GetBlockHash,
    GetClassHashAt,
    GetExecutionInfo,
    StorageRead,
    StorageWrite,
    SendMessageToL1,
    ReplaceClass,
    Keccak,
    Sha256ProcessBlock,
    Sha512ProcessBlock,
    Secp256k1New,
    Secp256k1Add,
    Secp256k1Mul,
    Secp256k1GetPointFromX,
    Secp256k1GetXy,
    Secp256r1New,
    Secp256r1Add,
    Secp256r1Mul,
    Secp256r1GetPointFromX,
    Secp256r1GetXy,
    MetaTxV0,
}
