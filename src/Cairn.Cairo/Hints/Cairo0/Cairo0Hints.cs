namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Registers the common library's Cairo 0 hints (cairo-vm.md §7.3).</summary>
internal static class Cairo0Hints
{
    public static void RegisterAll(Cairo0HintRegistry registry)
    {
        registry.Register("memory[ap] = segments.add()", _ => new DelegateHint(static c => c.Memory.Insert(c.Ap, c.Memory.AddSegment())));
    }
}
