using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>
/// An identifier of the compiled program. <see cref="Type"/> is the JSON <c>type</c> (function,
/// label, const, alias, struct, reference, …); the other fields are set when the type has them.
/// </summary>
public sealed record ProgramIdentifier(string FullName, string Type, int? Pc, Felt? Value, string? Destination);
