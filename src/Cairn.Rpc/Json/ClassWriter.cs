using System.Text.Json;
using Cairn.Execution.Classes;

namespace Cairn.Rpc.Json;

/// <summary>Writes classes: a Sierra class as RPC <c>CONTRACT_CLASS</c>, or a stored class JSON verbatim.</summary>
public static class ClassWriter
{
    public static void WriteSierra(Utf8JsonWriter w, SierraContractClass c)
    {
        w.WriteStartObject();
        w.WriteFelts("sierra_program", c.SierraProgram.Span);
        w.WriteString("contract_class_version", c.ContractClassVersion);
        w.WriteStartObject("entry_points_by_type");
        WriteEntryPoints(w, "CONSTRUCTOR", c.Constructor);
        WriteEntryPoints(w, "EXTERNAL", c.External);
        WriteEntryPoints(w, "L1_HANDLER", c.L1Handler);
        w.WriteEndObject();
        w.WriteString("abi", c.Abi);
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, RpcContractClass c)
    {
        if (c.Json is not null) w.WriteRawValue(c.Json, skipInputValidation: false);
        else if (c.Sierra is not null) WriteSierra(w, c.Sierra);
        else throw new ArgumentException("the class has neither a Sierra class nor JSON", nameof(c));
    }

    private static void WriteEntryPoints(Utf8JsonWriter w, string name, IReadOnlyList<SierraEntryPoint> eps)
    {
        w.WriteStartArray(name);
        foreach (var ep in eps)
        {
            w.WriteStartObject();
            w.WriteFelt("selector", ep.Selector);
            w.WriteNumber("function_idx", ep.FunctionIdx);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
