using Cairn.Cairo.Builtins;

namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>
/// <c>EvalCircuit {n_add_mods, add_mod_builtin, n_mul_mods, mul_mod_builtin}</c>: runs the mod builtins'
/// <c>fill_memory</c> (<see cref="ModBuiltinRunner.FillMemory"/>, cairo-vm.md §4.11) on the two builtin
/// pointers, which completes the instances and deduces the circuit's values.
/// </summary>
public sealed record EvalCircuitHint(ResOperand NAddMods, ResOperand AddModBuiltin, ResOperand NMulMods, ResOperand MulModBuiltin) : Cairo1Hint
{
    public override string VariantName => "EvalCircuit";

    public override Cairo1HintFamily Family => Cairo1HintFamily.Core;

    public override void Execute(HintContext context)
    {
        int nAdd = HintMath.ToInt(NAddMods.GetFelt(context), "n_add_mods");
        var addPtr = AddModBuiltin.GetAddress(context);
        int nMul = HintMath.ToInt(NMulMods.GetFelt(context), "n_mul_mods");
        var mulPtr = MulModBuiltin.GetAddress(context);
        ModBuiltinRunner.FillMemory(context.Memory, addPtr, nAdd, mulPtr, nMul);
    }
}
