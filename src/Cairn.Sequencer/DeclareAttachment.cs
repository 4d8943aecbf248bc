using Cairn.Cairo.Programs;

namespace Cairn.Sequencer;

/// <summary>What a DECLARE needs beside the transaction: its CASM (parsed and as JSON) and the Sierra class JSON to serve.</summary>
public sealed record DeclareAttachment(CasmContractClass Casm, byte[] CasmJson, byte[]? SierraJson);
