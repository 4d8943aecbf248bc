namespace Cairn.Cairo.Hints.Cairo1;

/// <summary>The register a <see cref="CellRef"/> is relative to (JSON <c>"AP"</c> / <c>"FP"</c>).</summary>
public enum CellRegister
{
    Ap,
    Fp,
}
