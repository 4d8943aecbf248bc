using System.Numerics;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>InitSquashData {dict_accesses, ptr_diff, n_accesses, big_keys, first_key}</c>: groups the
/// <c>n_accesses</c> (key, prev, new) triples at <c>dict_accesses</c> by key; <c>[big_keys] = 1</c> when the
/// largest key is ≥ 2^128; <c>[first_key]</c> = the smallest key. As in the sequencer
/// (casm_run <c>execute_core_hint</c>), <c>ptr_diff</c> is not checked.
/// </summary>
public sealed record InitSquashDataHint(ResOperand DictAccesses, ResOperand PtrDiff, ResOperand NAccesses, CellRef BigKeys, CellRef FirstKey) : Cairo1Hint
{
    private static readonly BigInteger RangeCheckBound = BigInteger.One << 128;

    public override string VariantName => "InitSquashData";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var accesses = DictAccesses.GetAddress(context);
        int n = HintMath.ToInt(NAccesses.GetFelt(context), "Number of accesses");
        if (n == 0) throw new HintException("InitSquashData: no dict accesses to squash");
        var keys = new Felt[n];
        for (int i = 0; i < n; i++) keys[i] = context.Memory.GetFelt(accesses.Add(3L * i));
        var state = context.GetState<DictSquashState>();
        state.Init(keys);
        HintMath.WriteBool(context, BigKeys, state.Keys[0].ToBigInteger() >= RangeCheckBound);
        HintMath.Write(context, FirstKey, state.CurrentKey);
    }
}
