using System.Buffers;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Cairn.Testing;

/// <summary>An error answer from the oracle (a bad argument, a library exception) or a dead oracle.</summary>
public sealed class OracleException : Exception
{
    public OracleException(string message) : base(message)
    {
    }

    public OracleException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>
/// Client of the Node.js reference oracle (<c>tests/oracle/oracle.mjs</c>: @scure/starknet, starknet.js and
/// @noble/hashes). One long-running <c>node</c> process answers JSON-line requests; <see cref="Call"/>
/// pipelines any number of requests (written by the calling thread while a dedicated thread reads the
/// answers) and matches the answers by id. Safe to call from several threads at once.
/// </summary>
/// <remarks>
/// The ops and their argument formats are listed at the top of <c>tests/oracle/oracle.mjs</c>. Felt results
/// are canonical lowercase <c>0x</c> hex, so they compare equal to <c>Felt.ToString()</c>.
/// </remarks>
public sealed class ScureOracle : IDisposable
{
    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ScureOracle> LazyShared = new(CreateShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Thread _readerThread;
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly Lock _writeLock = new();
    private readonly StringBuilder _stderr = new();
    private long _nextId;
    private volatile OracleException? _failure;
    private int _disposed;

    private sealed record Pending(string Op, TaskCompletionSource<JsonElement> Completion);

    /// <summary>The process-wide oracle, started on first use and stopped when the process exits.</summary>
    public static ScureOracle Shared => LazyShared.Value;

    /// <summary>The repository root: the nearest directory above the test binaries that holds Cairn.slnx.</summary>
    public static string RepoRoot => LazyRepoRoot.Value;

    /// <summary>The shared test vectors (<c>RepoRoot/../shared/vectors</c>).</summary>
    public static string VectorsDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "vectors"));

    /// <summary>The oracle's folder (<c>RepoRoot/tests/oracle</c>).</summary>
    public static string OracleDir => Path.Combine(RepoRoot, "tests", "oracle");

    /// <summary>How long one <see cref="Call"/> may wait for all its answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Starts a private oracle process (most tests should use <see cref="Shared"/>).</summary>
    public ScureOracle()
    {
        string dir = OracleDir;
        string script = Path.Combine(dir, "oracle.mjs");
        if (!File.Exists(script)) throw new FileNotFoundException("the oracle script is missing", script);
        EnsureNodeModules(dir);

        var psi = new ProcessStartInfo(NodeExecutable)
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        psi.ArgumentList.Add(script);
        try
        {
            _process = Process.Start(psi) ?? throw new OracleException("could not start node");
        }
        catch (Win32Exception e)
        {
            throw new OracleException($"could not start '{NodeExecutable}' (is Node.js ≥ 20 installed and on PATH?): {e.Message}", e);
        }
        _stdin = _process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                if (_stderr.Length < 64 * 1024) _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _readerThread = new Thread(ReadLoop) { IsBackground = true, Name = "ScureOracle reader" };
        _readerThread.Start();
    }

    private static string NodeExecutable => Environment.GetEnvironmentVariable("CAIRN_NODE") is { Length: > 0 } n ? n : "node";

    private static ScureOracle CreateShared()
    {
        var oracle = new ScureOracle();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => oracle.Dispose();
        return oracle;
    }

    /// <summary>
    /// Sends one request per element of <paramref name="argsPerRequest"/> (all pipelined) and returns the
    /// results in the same order. String results are returned as they are, booleans as "true"/"false",
    /// anything else as raw JSON. Throws <see cref="OracleException"/> with the oracle's message when any
    /// request gets an error answer.
    /// </summary>
    public string[] Call(string op, IReadOnlyList<string[]> argsPerRequest)
    {
        var results = CallJson(op, argsPerRequest);
        var strings = new string[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            strings[i] = results[i].ValueKind switch
            {
                JsonValueKind.String => results[i].GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => results[i].GetRawText(),
            };
        }
        return strings;
    }

    /// <summary>One request; see <see cref="Call"/>.</summary>
    public string CallOne(string op, params string[] args) => Call(op, [args])[0];

    /// <summary>As <see cref="Call"/>, returning the raw JSON results (e.g. the <c>{r, s}</c> objects of <c>sign</c>).</summary>
    public JsonElement[] CallJson(string op, IReadOnlyList<string[]> argsPerRequest)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(argsPerRequest);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_failure is { } failed) throw new OracleException(failed.Message, failed);
        int n = argsPerRequest.Count;
        var tasks = new Task<JsonElement>[n];
        if (n == 0) return [];

        var buffer = new ArrayBufferWriter<byte>(Math.Min(n, 4096) * 128);
        lock (_writeLock)
        {
            for (int i = 0; i < n; i++)
            {
                long id = Interlocked.Increment(ref _nextId);
                var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[id] = new Pending(op, tcs);
                tasks[i] = tcs.Task;
                WriteRequest(buffer, id, op, argsPerRequest[i]);
                if (buffer.WrittenCount >= 64 * 1024) Flush(buffer);
            }
            Flush(buffer);
            try
            {
                _stdin.Flush();
            }
            catch (IOException e)
            {
                Fail(new OracleException($"writing to the oracle failed: {e.Message}{StderrSuffix()}", e));
            }
        }
        // A failure raised while writing (or before) completes every pending task, so nothing waits forever.
        if (_failure is { } f) FailPending(f);

        if (!Task.WhenAll(tasks).ContinueWith(static _ => { }, TaskScheduler.Default).Wait(Timeout))
        {
            throw new TimeoutException($"the oracle did not answer {n} '{op}' request(s) within {Timeout}{StderrSuffix()}");
        }
        var results = new JsonElement[n];
        for (int i = 0; i < n; i++)
        {
            var t = tasks[i];
            if (t.IsFaulted)
            {
                var e = t.Exception!.InnerException!;
                throw e is OracleException oe
                    ? new OracleException($"{oe.Message} (request {i}: {op} [{string.Join(", ", argsPerRequest[i])}])", oe)
                    : new OracleException(e.Message, e);
            }
            results[i] = t.Result;
        }
        return results;
    }

    private void Flush(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.WrittenCount == 0) return;
        try
        {
            _stdin.Write(buffer.WrittenSpan);
        }
        catch (IOException e)
        {
            Fail(new OracleException($"writing to the oracle failed: {e.Message}{StderrSuffix()}", e));
        }
        buffer.ResetWrittenCount();
    }

    private static void WriteRequest(ArrayBufferWriter<byte> buffer, long id, string op, string[] args)
    {
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("op", op);
            w.WriteStartArray("args");
            foreach (var a in args) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
    }

    private void ReadLoop()
    {
        var stdout = _process.StandardOutput;
        try
        {
            while (stdout.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                Dispatch(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // fall through: the process is gone
        }
        string exit;
        try
        {
            exit = _process.WaitForExit(2000) ? $"exit code {_process.ExitCode}" : "still running";
        }
        catch (InvalidOperationException)
        {
            exit = "unknown exit";
        }
        Fail(new OracleException($"the oracle process ended ({exit}){StderrSuffix()}"));
    }

    private void Dispatch(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            Fail(new OracleException($"the oracle wrote a line that is not JSON: {Truncate(line)} ({e.Message})"));
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var idEl)
                || idEl.ValueKind != JsonValueKind.Number
                || !idEl.TryGetInt64(out long id))
            {
                // Only a request the oracle could not read has no id; ours are always valid JSON.
                Fail(new OracleException($"the oracle answered without a request id: {Truncate(line)}"));
                return;
            }
            if (!_pending.TryRemove(id, out var pending)) return;
            if (root.TryGetProperty("error", out var err))
            {
                string message = err.ValueKind == JsonValueKind.String ? err.GetString()! : err.GetRawText();
                pending.Completion.TrySetException(new OracleException($"oracle error for '{pending.Op}': {message}"));
            }
            else if (root.TryGetProperty("result", out var result))
            {
                pending.Completion.TrySetResult(result.Clone());
            }
            else
            {
                pending.Completion.TrySetException(new OracleException($"the oracle answer has neither result nor error: {Truncate(line)}"));
            }
        }
    }

    private void Fail(OracleException e)
    {
        _failure ??= e;
        FailPending(e);
    }

    private void FailPending(OracleException e)
    {
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var p)) p.Completion.TrySetException(e);
        }
    }

    private string StderrSuffix()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "" : $"; oracle stderr:\n{_stderr}";
        }
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "…";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            _stdin.Dispose(); // EOF: the oracle finishes what it has and exits
            if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Win32Exception)
        {
            // already gone
        }
        FailPending(new OracleException("the oracle was disposed"));
        _process.Dispose();
    }

    // ---- setup --------------------------------------------------------------------------------

    private static string FindRepoRoot()
    {
        // CAIRN_REPO_ROOT serves builds whose output lives outside the checkout (--artifacts-path).
        if (Environment.GetEnvironmentVariable("CAIRN_REPO_ROOT") is { Length: > 0 } env && File.Exists(Path.Combine(env, "Cairn.slnx")))
        {
            return Path.GetFullPath(env);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no directory above {AppContext.BaseDirectory} contains Cairn.slnx (set CAIRN_REPO_ROOT)");
    }

    /// <summary>Runs <c>npm ci</c> in the oracle folder when its dependencies are not installed.</summary>
    private static void EnsureNodeModules(string dir)
    {
        // npm writes node_modules/.package-lock.json last, so its presence means a finished install.
        string marker = Path.Combine(dir, "node_modules", ".package-lock.json");
        if (File.Exists(marker)) return;

        // Test assemblies run in parallel processes: let one of them install.
        string lockPath = Path.Combine(dir, ".npm-ci.lock");
        using var fileLock = AcquireFileLock(lockPath, TimeSpan.FromMinutes(10));
        if (File.Exists(marker)) return;

        var psi = new ProcessStartInfo("npm")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        psi.ArgumentList.Add("ci");
        psi.ArgumentList.Add("--no-audit");
        psi.ArgumentList.Add("--no-fund");
        Process npm;
        try
        {
            npm = Process.Start(psi) ?? throw new OracleException("could not start npm");
        }
        catch (Win32Exception e)
        {
            throw new OracleException($"tests/oracle/node_modules is missing and npm could not be started (install Node.js and npm): {e.Message}", e);
        }
        using (npm)
        {
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                npm.Kill(entireProcessTree: true);
                throw new OracleException("npm ci in tests/oracle did not finish within 10 minutes");
            }
            npm.WaitForExit();
            if (npm.ExitCode != 0)
            {
                throw new OracleException($"npm ci in tests/oracle failed (exit code {npm.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
            }
        }
    }

    private static FileStream AcquireFileLock(string path, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (sw.Elapsed < timeout)
            {
                Thread.Sleep(200);
            }
        }
    }
}
