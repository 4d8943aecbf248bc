using System.Diagnostics;
using System.Text;

namespace Cairn.Testing;

/// <summary>
/// The shape of the crash tests: run a helper program (an assembly beside the test assembly) with
/// `dotnet exec`, hand each line it prints to a callback, and kill it — with its whole process tree — at
/// a chosen moment.
/// </summary>
public static class KillableChild
{
    /// <param name="helperDll">File name of the helper assembly, found beside the test assembly.</param>
    /// <param name="args">The helper's arguments.</param>
    /// <param name="onLine">Called for every line of standard output; returns true for a progress report.</param>
    /// <param name="early">Count <paramref name="delay"/> from the start rather than from the first report.</param>
    /// <param name="delay">How long to let the helper run before killing it.</param>
    /// <exception cref="InvalidOperationException">The helper is missing, failed, wrote to stderr or exited by itself.</exception>
    public static async Task RunAndKillAsync(string helperDll, IReadOnlyList<string> args, Func<string, bool> onLine, bool early, TimeSpan delay)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, helperDll);
        if (!File.Exists(helper)) throw new InvalidOperationException($"missing {helper}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(helper);
        foreach (var a in args) start.ArgumentList.Add(a);

        var firstReport = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            // End of output also releases the wait: the helper died before reporting, which the checks below catch.
            if (e.Data is null || onLine(e.Data)) firstReport.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) errors.AppendLine(e.Data);
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!early) await firstReport.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(delay);
        var exitedByItself = process.HasExited;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        lock (errors)
        {
            if (exitedByItself || errors.Length > 0)
                throw new InvalidOperationException($"the helper failed (exit {process.ExitCode}): {errors}");
        }
    }

    /// <summary>The dotnet host running the tests (so the helper runs on the same runtime).</summary>
    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }
}
