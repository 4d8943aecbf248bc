using System.Text;
using Cairn.Crypto.Hashing;
using Cairn.Execution.Hashing;
using Cairn.Primitives;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Classes;

/// <summary>
/// The Sierra class hash (starknet.md §6.1):
/// <c>poseidon_many(['CONTRACT_CLASS_V0.1.0', H(external), H(l1_handler), H(constructor), sn_keccak(abi), poseidon_many(sierra_program)])</c>
/// with <c>H(eps) = poseidon_many([selector_0, function_idx_0, …])</c>, reduced mod 2^251 − 256 as the sequencer does.
/// </summary>
/// <remarks>
/// Sources: starkware-libs/sequencer crates/starknet_api/src/state.rs (<c>SierraContractClass::calculate_class_hash</c>);
/// starknet.js src/utils/hash/classHash/poseidon.ts. The compiled (CASM) class hash is
/// <see cref="Cairn.Cairo.Programs.CompiledClassHasher"/>.
/// </remarks>
public static class SierraClassHash
{
    public static ClassHash Compute(SierraContractClass c)
    {
        if (!Felt.TryFromShortString("CONTRACT_CLASS_V" + c.ContractClassVersion, out var version, out var error))
            throw new ArgumentException($"contract_class_version '{c.ContractClassVersion}': {error}", nameof(c));
        var abiHash = StarknetKeccak.Hash(Encoding.UTF8.GetBytes(c.Abi));
        var h = Poseidon.HashMany([version, EntryPoints(c.External), EntryPoints(c.L1Handler), EntryPoints(c.Constructor),
            abiHash, Poseidon.HashMany(c.SierraProgram.Span)]);
        return new ClassHash(ContractAddressCalculator.ReduceToAddressBound(h));
    }

    private static Felt EntryPoints(IReadOnlyList<SierraEntryPoint> eps)
    {
        var flat = new Felt[eps.Count * 2];
        for (int i = 0; i < eps.Count; i++)
        {
            flat[2 * i] = eps[i].Selector;
            flat[2 * i + 1] = Felt.FromUInt64(eps[i].FunctionIdx);
        }
        return Poseidon.HashMany(flat);
    }
}
