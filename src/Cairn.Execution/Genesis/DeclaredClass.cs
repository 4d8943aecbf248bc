using Cairn.Cairo.Programs;
using Cairn.Primitives.Ids;

namespace Cairn.Execution.Genesis;

/// <summary>A class as the node stores and serves it: hashes, the CASM it runs and the Sierra JSON that <c>starknet_getClass</c> returns.</summary>
public sealed record DeclaredClass(ClassHash ClassHash, CompiledClassHash CompiledClassHash, CasmContractClass Casm, string CasmJson, string SierraJson);
