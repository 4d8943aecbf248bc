namespace Cairn.Cairo.Builtins;

/// <summary>
/// add_mod / mul_mod as a layout builtin the program does not use (proof mode allocates every
/// layout builtin, cairo-vm.md §3.2): 7 cells per instance plus 15 additional memory units
/// (§3.8, §4.11). Running a program that uses them needs <c>fill_memory</c> and the security
/// checks, which are not implemented yet.
/// </summary>
public sealed class ModBuiltinRunner : BuiltinRunner
{
    /// <summary>Words per value (4 × 96 bits): the zero segment's size.</summary>
    public const int ZeroSegmentSize = 4;

    public ModBuiltinRunner(string name)
    {
        if (name != "add_mod" && name != "mul_mod") throw new ArgumentException($"not a mod builtin: {name}", nameof(name));
        Name = name;
        Included = false;
    }

    public override string Name { get; }

    public override int CellsPerInstance => 7;

    public override int AdditionalMemoryUnitsPerInstance => 15;
}
