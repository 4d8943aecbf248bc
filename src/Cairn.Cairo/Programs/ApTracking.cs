namespace Cairn.Cairo.Programs;

/// <summary>ap tracking data of a hint or reference: <c>{"group", "offset"}</c>.</summary>
public readonly record struct ApTracking(int Group, int Offset);
