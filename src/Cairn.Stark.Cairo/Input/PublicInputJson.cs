using System.Text.Json;
using Cairn.Cairo.Output;
using Cairn.Primitives;

namespace Cairn.Stark.Cairo.Input;

/// <summary>Reads <c>air_public_input.json</c> (spec stark-prover.md §6.7; the shape <see cref="AirPublicInput.Write"/> writes).</summary>
public static class PublicInputJson
{
    private static readonly string[] Keys = ["layout", "rc_min", "rc_max", "n_steps", "memory_segments", "public_memory", "dynamic_params"];

    public static AirPublicInput Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            // Strict: exactly the known keys (an ignored key would make the statement malleable), no dynamic params.
            var seen = new HashSet<string>();
            foreach (var property in root.EnumerateObject())
            {
                if (Array.IndexOf(Keys, property.Name) < 0) throw new CairoProverException($"public input: unknown key '{property.Name}'");
                if (!seen.Add(property.Name)) throw new CairoProverException($"public input: key '{property.Name}' appears twice");
            }
            if (root.TryGetProperty("dynamic_params", out var dynamic) && dynamic.ValueKind != JsonValueKind.Null)
                throw new CairoProverException("public input: dynamic_params are not supported");
            string layout = root.GetProperty("layout").GetString() ?? throw new CairoProverException("public input: layout is null");
            int rcMin = root.GetProperty("rc_min").GetInt32();
            int rcMax = root.GetProperty("rc_max").GetInt32();
            long nSteps = root.GetProperty("n_steps").GetInt64();
            var segments = new List<MemorySegmentAddresses>();
            foreach (var s in root.GetProperty("memory_segments").EnumerateObject())
            {
                int fields = 0;
                foreach (var _ in s.Value.EnumerateObject()) fields++;
                if (fields != 2) throw new CairoProverException("public input: a segment has keys other than begin_addr, stop_ptr");
                segments.Add(new MemorySegmentAddresses(s.Name, s.Value.GetProperty("begin_addr").GetUInt64(), s.Value.GetProperty("stop_ptr").GetUInt64()));
            }
            var memory = new List<PublicMemoryEntry>();
            foreach (var e in root.GetProperty("public_memory").EnumerateArray())
            {
                string value = e.GetProperty("value").GetString() ?? throw new CairoProverException("public input: a public memory value is null");
                if (!Felt.TryParse(value, out var felt, out var error)) throw new CairoProverException($"public input: bad public memory value '{value}': {error}");
                int fields = 0;
                foreach (var _ in e.EnumerateObject()) fields++;
                if (fields != 3) throw new CairoProverException("public input: a public memory entry has keys other than address, value, page");
                memory.Add(new PublicMemoryEntry(e.GetProperty("address").GetUInt64(), felt, e.GetProperty("page").GetInt32()));
            }
            return new AirPublicInput(layout, rcMin, rcMax, nSteps, segments, memory);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CairoProverException($"public input: {e.Message}");
        }
    }
}
