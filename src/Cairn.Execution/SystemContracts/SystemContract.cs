using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// A contract class written with <see cref="ContractWriter"/>: the CASM class (compiler version "cairn"),
/// its JSON, its compiled class hashes and the assembly listing (for reading and debugging).
/// </summary>
public sealed class SystemContract
{
    internal SystemContract(string name, CasmContractClass contractClass, string listing)
    {
        Name = name;
        Class = contractClass;
        Json = contractClass.ToJson();
        Listing = listing;
        _poseidon = new Lazy<Felt>(() => CompiledClassHasher.ComputePoseidon(Class));
        _blake = new Lazy<Felt>(() => CompiledClassHasher.ComputeBlake(Class));
    }

    private readonly Lazy<Felt> _poseidon;
    private readonly Lazy<Felt> _blake;

    public string Name { get; }

    public CasmContractClass Class { get; }

    /// <summary>The class in the CASM JSON format (<c>starknet-sierra-compile</c> output shape).</summary>
    public string Json { get; }

    /// <summary>The assembly listing of the bytecode (labels name the entry points: <c>external_transfer</c>, …).</summary>
    public string Listing { get; }

    /// <summary>Compiled class hash v1 (Poseidon).</summary>
    public Felt CompiledClassHashPoseidon => _poseidon.Value;

    /// <summary>Compiled class hash v2 (Blake2s).</summary>
    public Felt CompiledClassHashBlake => _blake.Value;

    public override string ToString() => Name;
}
