using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Cairo.Builder;

/// <summary>
/// What <see cref="CasmBuilder.Build"/> produces: the program words, a <see cref="CairoProgram"/>
/// (identifiers <c>__main__.NAME</c> for functions, labels and constants) that
/// <see cref="Runners.CairoRunner"/> runs, the label pcs and an assembly listing that
/// <see cref="Assembler.CasmAssembler"/> assembles back to the same words; <see cref="Hints"/> holds the
/// Cairo 1 hints (CASM JSON encoding) by pc, for a contract class (the listing does not show them).
/// </summary>
public sealed record CasmBuildResult(
    IReadOnlyList<Felt> Words,
    CairoProgram Program,
    IReadOnlyDictionary<string, int> Labels,
    IReadOnlyDictionary<string, Felt> Constants,
    string Assembly,
    IReadOnlyDictionary<int, IReadOnlyList<string>> Hints);
