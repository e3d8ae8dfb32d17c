namespace SessionApp.Tests.AppHost;

/// <summary>Whether a process id names a process on this machine, zombie or not.</summary>
internal static class LinuxProcess
{
    public static bool Exists(int processId) => Directory.Exists($"/proc/{processId}");

    public static async Task<bool> WaitUntilGoneAsync(int processId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Exists(processId))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
