using System.Numerics;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Segments and scopes: alloc, vm_enter/exit_scope, memcpy and memset loops (cairo-vm.md §7.3).</summary>
internal static class SegmentHints
{
    public const string AddSegment = "memory[ap] = segments.add()";
    public const string VmEnterScope = "vm_enter_scope()";
    public const string VmExitScope = "vm_exit_scope()";
    public const string MemcpyEnterScope = "vm_enter_scope({'n': ids.len})";
    public const string MemcpyContinueCopying = "n -= 1\nids.continue_copying = 1 if n > 0 else 0";
    public const string MemsetEnterScope = "vm_enter_scope({'n': ids.n})";
    public const string MemsetContinueLoop = "n -= 1\nids.continue_loop = 1 if n > 0 else 0";

    public static void Register(Cairo0HintRegistry r)
    {
        r.Register(AddSegment, _ => new DelegateHint(static c => c.Memory.Insert(c.Ap, c.Memory.AddSegment())));
        r.Register(VmEnterScope, _ => new DelegateHint(static c => c.Scopes.Enter()));
        r.Register(VmExitScope, _ => new DelegateHint(static c => c.Scopes.Exit()));
        r.Register(MemcpyEnterScope, (c, ids) => EnterScopeWithN(c, ids.GetInt(c, "len")));
        r.Register(MemsetEnterScope, (c, ids) => EnterScopeWithN(c, ids.GetInt(c, "n")));
        r.Register(MemcpyContinueCopying, (c, ids) => ContinueLoop(c, ids, "continue_copying"));
        r.Register(MemsetContinueLoop, (c, ids) => ContinueLoop(c, ids, "continue_loop"));
    }

    private static void EnterScopeWithN(HintContext c, BigInteger n) => c.Scopes.Enter(new Dictionary<string, object?> { ["n"] = n });

    private static void ContinueLoop(HintContext c, HintIds ids, string flag)
    {
        if (!ScopeValues.TryGetInt(c, "n", out var n)) throw new HintException("Variable n not present in current execution scope");
        n -= 1;
        c.Scopes.Set("n", n);
        ids.Set(c, flag, n > 0 ? 1UL : 0UL);
    }
}
