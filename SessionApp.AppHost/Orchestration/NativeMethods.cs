using System.Runtime.InteropServices;

namespace SessionApp.AppHost.Orchestration;

/// <summary>The one POSIX call .NET lacks: sending SIGTERM, so a child can shut down gracefully.</summary>
internal static class NativeMethods
{
    private const int SigTerm = 15;

    public static bool TryTerminate(int processId) =>
        !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
