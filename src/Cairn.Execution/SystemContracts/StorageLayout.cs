using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Execution.SystemContracts;

/// <summary>
/// Cairo 1 storage addresses computed in C# (starknet.md §3.1), for genesis, tests and the build-time
/// constants of the system contracts: a variable's base address is <c>sn_keccak(name)</c>, a map entry
/// <c>pedersen(…pedersen(base, k0)…, kn) mod (2^251 − 256)</c>, a u256 takes the address and the
/// next one (low, high), and a ByteArray keeps its length at the address and its 31-byte words from
/// <c>poseidon_permutation(address, chunk, 'ByteArray')[0] mod (2^251 − 256)</c>, 256 words per chunk.
/// </summary>
public static class StorageLayout
{
    private static readonly Felt ByteArrayTag = Felt.FromShortString("ByteArray");

    /// <summary>The base address of storage variable <paramref name="name"/>.</summary>
    public static Felt VarAddress(string name) => StarknetKeccak.Selector(name);

    /// <summary>The address of <c>name[keys…]</c>.</summary>
    public static Felt MapAddress(string name, params Felt[] keys) => MapAddress(VarAddress(name), keys);

    /// <summary>The address of the map entry at <paramref name="baseAddress"/> for <paramref name="keys"/>.</summary>
    public static Felt MapAddress(Felt baseAddress, params Felt[] keys)
    {
        var h = baseAddress;
        foreach (var k in keys) h = Pedersen.Hash(h, k);
        return ContractAddressCalculator.ReduceToAddressBound(h);
    }

    /// <summary>The base of chunk <paramref name="chunk"/> of the words of a ByteArray stored at <paramref name="address"/>.</summary>
    public static Felt ByteArrayChunk(Felt address, int chunk = 0)
    {
        Felt s0 = address, s1 = chunk, s2 = ByteArrayTag;
        Poseidon.Permute(ref s0, ref s1, ref s2);
        return ContractAddressCalculator.ReduceToAddressBound(s0);
    }

    /// <summary>The storage writes of a short ByteArray (at most 30 bytes) <paramref name="text"/> at <paramref name="address"/>.</summary>
    public static IEnumerable<(Felt Key, Felt Value)> ShortByteArray(Felt address, string text)
    {
        if (text.Length > 30) throw new ArgumentException("only ByteArrays of at most 30 bytes are supported", nameof(text));
        yield return (address, text.Length);
        if (text.Length > 0) yield return (ByteArrayChunk(address), Felt.FromShortString(text));
    }
}
