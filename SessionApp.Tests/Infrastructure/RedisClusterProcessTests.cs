using System.Diagnostics;

namespace SessionApp.Tests.Infrastructure;

public sealed class RedisClusterProcessTests
{
    [Fact]
    public async Task DisposeAsync_RunningCluster_StopsEveryNode()
    {
        // Arrange
        var cluster = await RedisClusterProcess.StartAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var processIds = cluster.Nodes.Select(node => node.ProcessId ?? throw new InvalidOperationException("A node is not running.")).ToArray();

        // Act
        await cluster.DisposeAsync();

        // Assert
        Assert.Equal(RedisClusterProcess.MasterCount, processIds.Length);
        Assert.All(processIds, processId => Assert.False(IsRunning(processId), $"redis-server {processId} is still running."));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
