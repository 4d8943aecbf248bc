namespace Cairn.Cairo.Programs;

/// <summary>
/// A Cairo 0 hint as stored in the compiled program (cairo-vm.md §6.1): its pc (offset into the
/// program), code string, accessible scopes and flow-tracking data (ap tracking, reference ids).
/// </summary>
public sealed record HintDefinition(
    int Pc,
    string Code,
    IReadOnlyList<string> AccessibleScopes,
    ApTracking ApTracking,
    IReadOnlyDictionary<string, int> ReferenceIds);
