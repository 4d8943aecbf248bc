using System.IO.Compression;

namespace Cairn.Testing;

/// <summary>
/// Public compiled Cairo 0 programs kept as gzip-compressed fixtures in
/// <c>tests/Cairn.Cairo.Tests/Programs/Public</c> (sources, commits and licences in its README.md).
/// Shared by the VM tests and the benchmarks.
/// </summary>
public static class PublicCairoPrograms
{
    /// <summary>The fixtures folder.</summary>
    public static string Dir => Path.Combine(ScureOracle.RepoRoot, "tests", "Cairn.Cairo.Tests", "Programs", "Public");

    /// <summary>The program JSON of the fixture <paramref name="name"/> (file <c>NAME.json.gz</c>).</summary>
    public static string Json(string name)
    {
        string path = Path.Combine(Dir, name + ".json.gz");
        if (!File.Exists(path)) throw new FileNotFoundException($"Cairo program fixture {path} is missing", path);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
