using System.Text.Json;

namespace Cairn.Cairo.Output;

/// <summary>
/// <c>air_public_input.json</c> (cairo-vm.md §6.6): written in cairo-lang's field order with
/// 4-space indentation (<c>json.dump(…, indent=4)</c>); values of the public memory as lower-case
/// <c>0x</c> hex.
/// </summary>
public sealed record AirPublicInput(
    string Layout,
    int RcMin,
    int RcMax,
    long NSteps,
    IReadOnlyList<MemorySegmentAddresses> MemorySegments,
    IReadOnlyList<PublicMemoryEntry> PublicMemory)
{
    public void Write(Stream stream)
    {
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 4, SkipValidation = false }))
        {
            w.WriteStartObject();
            w.WriteString("layout", Layout);
            w.WriteNumber("rc_min", RcMin);
            w.WriteNumber("rc_max", RcMax);
            w.WriteNumber("n_steps", NSteps);
            w.WriteStartObject("memory_segments");
            foreach (var s in MemorySegments)
            {
                w.WriteStartObject(s.Name);
                w.WriteNumber("begin_addr", s.BeginAddr);
                w.WriteNumber("stop_ptr", s.StopPtr);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("public_memory");
            foreach (var e in PublicMemory)
            {
                w.WriteStartObject();
                w.WriteNumber("address", e.Address);
                w.WriteString("value", e.Value.ToHexString());
                w.WriteNumber("page", e.Page);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNull("dynamic_params");
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    public string ToJson()
    {
        using var ms = new MemoryStream();
        Write(ms);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
