namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>Registers the common library's Cairo 0 hints (cairo-vm.md §7.3), one family per class.</summary>
internal static class Cairo0Hints
{
    public static void RegisterAll(Cairo0HintRegistry registry)
    {
        SegmentHints.Register(registry);
        MathHints.Register(registry);
        SearchHints.Register(registry);
        UsortHints.Register(registry);
        Uint256Hints.Register(registry);
        Uint384Hints.Register(registry);
        SecpHints.Register(registry);
        SecpExtraHints.Register(registry);
        SignatureHints.Register(registry);
        EcHints.Register(registry);
        DictHints.Register(registry);
        SquashDictHints.Register(registry);
        KeccakHints.Register(registry);
        Blake2sHints.Register(registry);
        Sha256Hints.Register(registry);
        ModCircuitHints.Register(registry);
        MiscHints.Register(registry);
        DeprecatedSyscallHints.Register(registry);
    }
}
