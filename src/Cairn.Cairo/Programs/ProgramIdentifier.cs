using Cairn.Primitives;

namespace Cairn.Cairo.Programs;

/// <summary>
/// An identifier of the compiled program. <see cref="Type"/> is the JSON <c>type</c> (function,
/// label, const, alias, struct, reference, …); the other fields are set when the type has them.
/// </summary>
public sealed record ProgramIdentifier(string FullName, string Type, int? Pc, Felt? Value, string? Destination)
{
    /// <summary>Struct members by name (type <c>struct</c>), else null.</summary>
    public IReadOnlyDictionary<string, StructMember>? Members { get; init; }

    /// <summary>Struct size in cells (type <c>struct</c>), else null.</summary>
    public int? Size { get; init; }

    /// <summary>The <c>cairo_type</c> (types <c>reference</c>, <c>member</c>, <c>type_definition</c>), else null.</summary>
    public string? CairoType { get; init; }
}
