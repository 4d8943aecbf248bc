using Cairn.Cairo.Programs;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.State;

/// <summary>
/// What execution reads from the committed state (a block's state, a genesis, a test fixture):
/// storage, nonces, class hashes of contracts, and declared classes with their CASM.
/// </summary>
public interface IStateReader
{
    Felt GetStorage(ContractAddress address, StorageKey key);

    Nonce GetNonce(ContractAddress address);

    /// <summary>The class of the contract at <paramref name="address"/>; zero when nothing is deployed there.</summary>
    ClassHash GetClassHashAt(ContractAddress address);

    /// <summary>The compiled class hash of a declared class, or null when it is not declared.</summary>
    CompiledClassHash? GetCompiledClassHash(ClassHash classHash);

    /// <summary>The CASM of a declared class, or null.</summary>
    CasmContractClass? GetCompiledClass(ClassHash classHash);
}
