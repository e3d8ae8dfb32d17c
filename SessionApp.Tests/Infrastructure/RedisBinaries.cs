namespace SessionApp.Tests.Infrastructure;

/// <summary>Finds the Debian redis-server and redis-cli binaries that the test command installs.</summary>
internal static class RedisBinaries
{
    public static string Server { get; } = Find("redis-server");

    public static string Cli { get; } = Find("redis-cli");

    private static string Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"{name} was not found on PATH. Run ./test.sh, which installs redis-server and redis-tools, or 'apt-get install -y redis-server redis-tools'.");
    }
}
