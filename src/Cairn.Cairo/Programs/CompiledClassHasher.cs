using Cairn.Crypto.Hashing;
using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>
/// The compiled class hash of a CASM class (cairo-vm.md §6.3, starknet.md):
/// <c>H('COMPILED_CLASS_V1', H(external), H(l1_handlers), H(constructors), bytecode_hash)</c>, each
/// entry point contributing <c>(selector, offset, H(builtin names))</c>, and the bytecode hashed
/// along <c>bytecode_segment_lengths</c>: a leaf hashes its words, a node is
/// <c>1 + H(len_0, hash_0, len_1, hash_1, …)</c>. <c>H</c> is Blake2Felt252 in the current
/// definition (v2, Starknet ≥ 0.14.1) and Poseidon in the legacy one.
/// </summary>
public static class CompiledClassHasher
{
    private static readonly Felt Version = Felt.FromShortString("COMPILED_CLASS_V1");

    /// <summary>The current (Blake2Felt252) compiled class hash.</summary>
    public static Felt ComputeBlake(CasmContractClass c) => Compute(c, static v => Blake2Felt.Hash(v));

    /// <summary>The legacy (Poseidon) compiled class hash.</summary>
    public static Felt ComputePoseidon(CasmContractClass c) => Compute(c, static v => Poseidon.HashMany(v));

    private delegate Felt HashMany(ReadOnlySpan<Felt> values);

    private static Felt Compute(CasmContractClass c, HashMany hash)
    {
        var bytecode = c.Bytecode as Felt[] ?? c.Bytecode.ToArray();
        Felt code;
        if (c.BytecodeSegmentLengths is null)
        {
            code = hash(bytecode);
        }
        else
        {
            int offset = 0;
            code = NodeHash(c.BytecodeSegmentLengths, bytecode, ref offset, hash);
            if (offset != bytecode.Length) throw new InvalidOperationException($"bytecode_segment_lengths cover {offset} of {bytecode.Length} words");
        }
        return hash([Version, EntryPoints(c.External, hash), EntryPoints(c.L1Handler, hash), EntryPoints(c.Constructor, hash), code]);
    }

    private static Felt NodeHash(NestedIntList node, Felt[] bytecode, ref int offset, HashMany hash)
    {
        if (node.Value is { } len)
        {
            if (offset + len > bytecode.Length) throw new InvalidOperationException("bytecode_segment_lengths exceed the bytecode");
            var h = hash(bytecode.AsSpan(offset, len));
            offset += len;
            return h;
        }
        var pairs = new Felt[node.Children.Count * 2];
        for (int i = 0; i < node.Children.Count; i++)
        {
            int start = offset;
            pairs[2 * i + 1] = NodeHash(node.Children[i], bytecode, ref offset, hash);
            pairs[2 * i] = Felt.FromUInt64((ulong)(offset - start));
        }
        return hash(pairs) + Felt.One;
    }

    private static Felt EntryPoints(IReadOnlyList<CasmEntryPoint> entryPoints, HashMany hash)
    {
        var values = new Felt[entryPoints.Count * 3];
        for (int i = 0; i < entryPoints.Count; i++)
        {
            var ep = entryPoints[i];
            var names = new Felt[ep.Builtins.Count];
            for (int j = 0; j < names.Length; j++) names[j] = Felt.FromShortString(ep.Builtins[j]);
            values[3 * i] = ep.Selector;
            values[3 * i + 1] = Felt.FromUInt64((ulong)ep.Offset);
            values[3 * i + 2] = hash(names);
        }
        return hash(values);
    }
}
