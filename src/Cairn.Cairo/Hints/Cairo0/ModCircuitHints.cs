using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>run_mod_p_circuit (modulo.cairo; cairo-vm.md §4.11, §7.3): <c>ModBuiltinRunner.fill_memory</c>.</summary>
internal static class ModCircuitHints
{
    public const string RunPCircuit = "from starkware.cairo.lang.builtins.modulo.mod_builtin_runner import ModBuiltinRunner\nassert builtin_runners[\"add_mod_builtin\"].instance_def.batch_size == 1\nassert builtin_runners[\"mul_mod_builtin\"].instance_def.batch_size == 1\n\nModBuiltinRunner.fill_memory(\n    memory=memory,\n    add_mod=(ids.add_mod_ptr.address_, builtin_runners[\"add_mod_builtin\"], ids.add_mod_n),\n    mul_mod=(ids.mul_mod_ptr.address_, builtin_runners[\"mul_mod_builtin\"], ids.mul_mod_n),\n)";
    public const string RunPCircuitWithLargeBatchSize = "from starkware.cairo.lang.builtins.modulo.mod_builtin_runner import ModBuiltinRunner\nassert builtin_runners[\"add_mod_builtin\"].instance_def.batch_size == ids.BATCH_SIZE\nassert builtin_runners[\"mul_mod_builtin\"].instance_def.batch_size == ids.BATCH_SIZE\n\nModBuiltinRunner.fill_memory(\n    memory=memory,\n    add_mod=(ids.add_mod_ptr.address_, builtin_runners[\"add_mod_builtin\"], ids.add_mod_n),\n    mul_mod=(ids.mul_mod_ptr.address_, builtin_runners[\"mul_mod_builtin\"], ids.mul_mod_n),\n)";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(RunPCircuit, static (c, ids) => Fill(c, ids));
        r.Register(RunPCircuitWithLargeBatchSize, static (c, ids) =>
        {
            var batch = ids.GetConstInt("BATCH_SIZE");
            if (batch != ModBuiltinRunner.BatchSize)
            {
                throw new HintException($"assert builtin_runners[\"add_mod_builtin\"].instance_def.batch_size == ids.BATCH_SIZE failed: {ModBuiltinRunner.BatchSize} != {batch}");
            }
            Fill(c, ids);
        });
    }

    private static void Fill(HintContext c, HintIds ids)
    {
        if (c.FindBuiltin("add_mod") is null) throw new HintException("builtin_runners[\"add_mod_builtin\"]: the add_mod builtin is not present in the program");
        if (c.FindBuiltin("mul_mod") is null) throw new HintException("builtin_runners[\"mul_mod_builtin\"]: the mul_mod builtin is not present in the program");
        try
        {
            ModBuiltinRunner.FillMemory(
                c.Memory,
                ids.GetStructAddress(c, "add_mod_ptr"),
                Count(c, ids, "add_mod_n"),
                ids.GetStructAddress(c, "mul_mod_ptr"),
                Count(c, ids, "mul_mod_n"));
        }
        catch (MemoryException e)
        {
            throw new HintException(e.Message, e);
        }
    }

    private static int Count(HintContext c, HintIds ids, string name)
    {
        var n = MathHints.FeltOf(c, ids, name);
        return n.TryToUInt64(out ulong v) && v <= int.MaxValue ? (int)v : throw new HintException($"ids.{name} = {n.ToDecimalString()} is not a valid operation count");
    }
}
