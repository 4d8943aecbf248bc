using Cairn.Cairo.Runners;

namespace Cairn.Cairo.Tests.Oracle;

/// <summary>
/// What <c>cairn run</c> writes for one run: trace.bin, memory.bin and, in proof mode,
/// air_public_input.json and air_private_input.json (trace_path "/trace.bin", memory_path "/memory.bin").
/// </summary>
internal sealed record RunFiles(CairoRunner Runner, byte[] Trace, byte[] Memory, string? PublicInput, string? PrivateInput);
