using Aspire.Hosting.ApplicationModel;
using SessionApp.Smoke;
using SessionApp.Tests.AppHost;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Smoke;

/// <summary>
/// The deploy workflow's smoke test, proven here first: against the local topology (the AppHost, two replicas of api
/// and web behind the gateway) it passes; with one replica of each behind the URL the command exits non-zero.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SmokeTestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SmokeTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunAsync_LocalTopology_PassesOnTwoApiAndTwoWebInstancesWithOneSession()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync();
        var smoke = new SmokeTest(new SmokeOptions { BaseUrl = app.GetEndpoint("gateway", "http"), UserName = TestTopology.UserName, Password = TestTopology.Password }, output.WriteLine);

        // Act
        var result = await smoke.RunAsync(TestContext.Current.CancellationToken).WaitAsync(SmokeTimeout, TestContext.Current.CancellationToken);

        // Assert
        output.WriteLine(result.Verdict);
        Assert.True(result.Passed, result.Verdict);
        Assert.StartsWith("SMOKE PASSED ", result.Verdict, StringComparison.Ordinal);
        Assert.Equal(2, result.ApiInstances.Count);
        Assert.Equal(2, result.WebInstances.Count);
        Assert.All(result.ApiInstances, name => Assert.StartsWith("api-", name, StringComparison.Ordinal));
        Assert.All(result.WebInstances, name => Assert.StartsWith("web-", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmokeCommand_OneReplicaOfEachBehindTheUrl_ExitsNonZeroWithAFailedVerdict()
    {
        // Arrange
        var builder = await TestTopology.CreateBuilderAsync();
        foreach (var project in builder.Resources.OfType<ProjectResource>().Where(p => p.Name is "api" or "web"))
        {
            project.Annotations.Add(new ReplicaAnnotation(1));
        }

        await using var app = await TestTopology.StartAsync(builder);
        var api = Assert.Single(TestTopology.Replicas(app, "api")).Key;
        var web = Assert.Single(TestTopology.Replicas(app, "web")).Key;

        // Act: the user and password come from the environment, as in the deploy workflow
        var run = await RunSmokeCommandAsync(
            ["--base-url", app.GetEndpoint("gateway", "http").ToString()],
            new Dictionary<string, string> { ["SMOKE_USER"] = TestTopology.UserName, ["SMOKE_PASSWORD"] = TestTopology.Password });

        // Assert
        output.WriteLine(run.Error);
        var verdict = run.Output.TrimEnd().Split('\n')[^1];
        output.WriteLine(verdict);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("SMOKE FAILED ", verdict, StringComparison.Ordinal);
        Assert.Contains("at instances: ", verdict, StringComparison.Ordinal);
        Assert.Contains($"api [{api}] and web [{web}]", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SessionStoreStopped_FailsOnThe503()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync();
        await app.ResourceCommands.ExecuteCommandAsync("sessions", KnownResourceCommands.StopCommand, TestContext.Current.CancellationToken)
            .WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        await app.ResourceNotifications.WaitForResourceAsync("sessions", KnownResourceStates.Finished, TestContext.Current.CancellationToken)
            .WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        var smoke = new SmokeTest(new SmokeOptions { BaseUrl = app.GetEndpoint("gateway", "http"), UserName = TestTopology.UserName, Password = TestTopology.Password }, output.WriteLine);

        // Act
        var result = await smoke.RunAsync(TestContext.Current.CancellationToken).WaitAsync(SmokeTimeout, TestContext.Current.CancellationToken);

        // Assert
        output.WriteLine(result.Verdict);
        Assert.False(result.Passed);
        Assert.StartsWith("SMOKE FAILED ", result.Verdict, StringComparison.Ordinal);
        Assert.Contains(" at sign-in: ", result.Verdict, StringComparison.Ordinal);
        Assert.Contains("answered 503", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmokeCommand_NoBaseUrl_ExitsWithUsage()
    {
        // Arrange, Act
        var run = await RunSmokeCommandAsync(["--min-instances", "2"]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--base-url must be an absolute http or https URL.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmokeCommand_NoUserOrPassword_ExitsWithUsageNamingBoth()
    {
        // Arrange, Act: no --user/--password and no SMOKE_USER/SMOKE_PASSWORD (emptied, whatever this machine has)
        var run = await RunSmokeCommandAsync(
            ["--base-url", "http://127.0.0.1:9/"],
            new Dictionary<string, string> { ["SMOKE_USER"] = "", ["SMOKE_PASSWORD"] = "" });

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--user and --password (or SMOKE_USER and SMOKE_PASSWORD) are required", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs the built smoke command as CI does (<c>dotnet SessionApp.Smoke.dll</c>).</summary>
    private static Task<ToolRun> RunSmokeCommandAsync(string[] arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ToolRun.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "SessionApp.Smoke.dll"), .. arguments], SmokeTimeout, environment);
}
