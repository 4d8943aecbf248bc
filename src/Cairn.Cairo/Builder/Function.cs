using Cairn.Cairo.Instructions;

namespace Cairn.Cairo.Builder;

/// <summary>
/// A function of a <see cref="CasmBuilder"/> (<see cref="CasmBuilder.BeginFunction"/>): its entry
/// label, its frame (arguments at <c>[fp - 3 - …]</c>, last argument at <c>[fp - 3]</c>) and, once
/// its code is complete, its ap change when every <c>ret</c> has the same known one (then calls of
/// it keep the caller's ap tracking).
/// </summary>
public sealed class Function
{
    private readonly List<int?> _returns = [];

    internal Function(Label entry, int argCount, int returnCount, int frame)
    {
        Entry = entry;
        ArgCount = argCount;
        ReturnCount = returnCount;
        Frame = frame;
    }

    public string Name => Entry.Name;

    public Label Entry { get; }

    public int ArgCount { get; }

    /// <summary>Values the function leaves at <c>[ap - ReturnCount] … [ap - 1]</c> (used by <see cref="CasmBuilder.Call(Function, Expr[])"/>).</summary>
    public int ReturnCount { get; }

    /// <summary>The ap change from entry to <c>ret</c>, when known (after the function's code is complete).</summary>
    public int? ApChange { get; private set; }

    /// <summary>True once the next function began or the program was built.</summary>
    public bool IsComplete { get; private set; }

    internal int Frame { get; }

    internal int EntryGroup { get; set; } = -1;

    /// <summary>Argument <paramref name="index"/> (0-based, in push order).</summary>
    public Cell Arg(int index)
    {
        if ((uint)index >= (uint)ArgCount) throw new CasmBuilderException($"function '{Name}' has {ArgCount} argument(s); there is no argument {index}");
        return new Cell(Register.Fp, -3 - (ArgCount - 1 - index), Frame);
    }

    /// <summary>The caller's fp, saved at <c>[fp - 2]</c>.</summary>
    public Cell SavedFp => new(Register.Fp, -2, Frame);

    /// <summary>The return pc, saved at <c>[fp - 1]</c>.</summary>
    public Cell ReturnPc => new(Register.Fp, -1, Frame);

    internal void AddReturn(int? apChange) => _returns.Add(apChange);

    internal void Complete()
    {
        if (IsComplete) return;
        IsComplete = true;
        if (_returns.Count > 0 && _returns.All(r => r is not null && r == _returns[0])) ApChange = _returns[0];
    }

    public override string ToString() => Name;
}
