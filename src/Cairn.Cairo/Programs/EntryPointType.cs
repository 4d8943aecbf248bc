namespace Cairn.Cairo.Programs;

/// <summary>The kinds of contract entry points.</summary>
public enum EntryPointType
{
    External,
    L1Handler,
    Constructor,
}
