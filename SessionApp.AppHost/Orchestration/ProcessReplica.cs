using System.Diagnostics;

namespace SessionApp.AppHost.Orchestration;

/// <summary>A replica that is a real operating-system process (<c>dotnet app.dll</c>, <c>redis-server</c>).</summary>
internal sealed class ProcessReplica(
    string resource, int index, string name, int port, IHealthProbe? probe, OutputSink output, ProcessSpec spec)
    : Replica(resource, index, name, port, probe, output)
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(5);
    private Process? _process;

    public override int? ProcessId
    {
        get
        {
            var process = _process;
            try
            {
                return process is { HasExited: false } ? process.Id : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    public override void Kill()
    {
        if (_process is { } process)
        {
            ChildProcesses.KillTree(process);
        }
    }

    protected override async Task LaunchAsync()
    {
        _process?.Dispose();
        var process = await ChildProcesses.StartAsync(spec.FileName, spec.Arguments, spec.WorkingDirectory, spec.Environment);
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => OnProcessExited(process);
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            OnProcessExited(process);
        }
    }

    protected override async Task TerminateAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            NativeMethods.TryTerminate(process.Id);
            try
            {
                await process.WaitForExitAsync().WaitAsync(GracefulStop);
            }
            catch (TimeoutException)
            {
                ChildProcesses.KillTree(process);
                await process.WaitForExitAsync().WaitAsync(GracefulStop);
            }
        }

        ChildProcesses.Release(process);
        process.Dispose();
        _process = null;
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            AddOutput(line);
        }
    }

    private void OnProcessExited(Process process)
    {
        ChildProcesses.Release(process);
        if (ReferenceEquals(_process, process))
        {
            int? code = null;
            try
            {
                code = process.ExitCode;
            }
            catch (InvalidOperationException)
            {
                // Disposed meanwhile.
            }

            OnExited($"exit code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}");
        }
    }
}
