using Cairn.Primitives;

namespace Cairn.Stark.Cairo.Plain;

/// <summary>The six main columns of the plain layout (natural row order) and the statement they prove.</summary>
public sealed class PlainTrace
{
    public PlainTrace(Felt[][] columns, CairoPublicInput publicInput)
    {
        Columns = columns;
        PublicInput = publicInput;
    }

    /// <summary>c0 rc16 pool, c1 flag prefixes, c2 sorted rc16, c3 memory pool, c4 sorted memory, c5 registers.</summary>
    public Felt[][] Columns { get; }

    public CairoPublicInput PublicInput { get; }

    public int Length => Columns[0].Length;
}
