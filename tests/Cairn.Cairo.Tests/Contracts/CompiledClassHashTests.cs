using Cairn.Cairo.Programs;
using Cairn.Primitives;
using Cairn.Testing;

namespace Cairn.Cairo.Tests.Contracts;

/// <summary>
/// Compiled class hashes of real fixture classes against starknet.js (both definitions). starknet.js
/// needs seconds per class (BigInt arithmetic), so a spread of classes is checked, not all of them.
/// </summary>
public sealed class CompiledClassHashTests
{
    [Fact]
    public void Blake_and_poseidon_hashes_match_starknet_js_for_real_classes()
    {
        using var oracle = new ScureOracle();
        var all = ContractFixtures.Names();
        var names = all.Where((_, i) => i % 16 == 0).Append("contracts_MockAccount").Distinct().ToList();
        var jsons = names.Select(ContractFixtures.CasmJson).ToList();
        var blake = oracle.Call("compiled_class_hash", jsons.Select(j => new[] { j, "blake" }).ToList());
        var poseidon = oracle.Call("compiled_class_hash", jsons.Select(j => new[] { j, "poseidon" }).ToList());
        for (int i = 0; i < names.Count; i++)
        {
            var c = CasmContractClass.Parse(jsons[i]);
            Assert.True(Felt.Parse(blake[i]) == CompiledClassHasher.ComputeBlake(c), names[i] + " (blake)");
            Assert.True(Felt.Parse(poseidon[i]) == CompiledClassHasher.ComputePoseidon(c), names[i] + " (poseidon)");
        }
    }
}
