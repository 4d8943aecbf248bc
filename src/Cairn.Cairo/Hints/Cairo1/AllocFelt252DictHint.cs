namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>AllocFelt252Dict {segment_arena_ptr}</c>: <c>index = [ptr − 2]</c> (dicts so far), <c>infos = [ptr − 3]</c>;
/// creates the dict's segment (<see cref="DictManagerState.NewDict"/>) and writes its start to
/// <c>[infos + 3·index]</c> (cairo-vm.md §4.12).
/// </summary>
public sealed record AllocFelt252DictHint(ResOperand SegmentArenaPtr) : Cairo1Hint
{
    public override string VariantName => "AllocFelt252Dict";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        var memory = context.Memory;
        var arena = SegmentArenaPtr.GetAddress(context);
        int index = HintMath.ToInt(memory.GetFelt(arena - 2), "Number of dictionaries");
        var infos = memory.GetRelocatable(arena - 3);
        var start = context.GetState<DictManagerState>().NewDict(memory, index);
        memory.Insert(infos.Add(3L * index), start);
    }
}
