using System.Net;
using System.Net.Sockets;
using SessionApp.AppHost.CommandLine;

namespace SessionApp.Tests.AppHost;

public sealed class CommandLineTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AppHost_Help_PrintsUsageAndExitsZero()
    {
        // Arrange
        string[] arguments = ["--help"];

        // Act
        var (exitCode, stdout, stderr) = await AppHostProcess.RunAsync(ProcessTimeout, arguments);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains(stdout, line => line.StartsWith("Usage: SessionApp.AppHost", StringComparison.Ordinal));
        Assert.Contains(stdout, line => line.StartsWith("--replicas N", StringComparison.Ordinal));
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task AppHost_GatewayPortInUse_PrintsOneErrorLineAndExitsNonZero()
    {
        // Arrange
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        // Act
        var (exitCode, stdout, stderr) = await AppHostProcess.RunAsync(ProcessTimeout, "run", "--no-build", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.NotEqual(0, exitCode);
        var error = Assert.Single(stderr);
        Assert.StartsWith("error: gateway: port ", error, StringComparison.Ordinal);
        Assert.Contains($"{port}", error, StringComparison.Ordinal);
        Assert.Contains("already in use", error, StringComparison.Ordinal);
        Assert.DoesNotContain(stdout.Concat(stderr), line => line.StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppHost_ReplicasNotANumber_NamesTheArgumentAndExitsNonZero()
    {
        // Arrange
        string[] arguments = ["--replicas", "two"];

        // Act
        var (exitCode, _, stderr) = await AppHostProcess.RunAsync(ProcessTimeout, arguments);

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.Equal("error: --replicas must be a whole number (was 'two').", Assert.Single(stderr));
    }

    [Fact]
    public void Parse_RunWithEveryOption_SetsEachOption()
    {
        // Arrange
        string[] arguments = ["run", "--replicas", "3", "--port", "8088", "--dashboard-port", "8089", "--store", "garnet", "--no-build"];

        // Act
        var (options, errors) = AppHostCommandLine.Parse(arguments);

        // Assert
        Assert.Empty(errors);
        Assert.Equal((3, 8088, 8089, StoreKind.Garnet, true), (options.Replicas, options.GatewayPort, options.DashboardPort, options.Store, options.NoBuild));
    }

    [Fact]
    public void Parse_OutOfRangeValuesAndUnknownArgument_ReportsEachNamingTheSetting()
    {
        // Arrange
        string[] arguments = ["--replicas", "0", "--port", "70000", "--store", "memcached", "--verbose"];

        // Act
        var (_, errors) = AppHostCommandLine.Parse(arguments);

        // Assert
        Assert.Equal(
            [
                "--store must be redis or garnet (was 'memcached').",
                "Unknown argument '--verbose'. Try --help.",
                "--replicas must be between 1 and 16 (was 0).",
                "--port must be between 0 and 65535 (was 70000).",
            ],
            errors);
    }
}
