using SessionApp.AppHost.Orchestration;
using SessionApp.AppHost.Testing;

namespace SessionApp.Tests.AppHost;

public sealed class BuildTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_ProjectThatDoesNotCompile_FailsWithOneLineNamingTheProjectAndTheError()
    {
        // Arrange: the AppHost's layout in a temporary folder, with an api project that does not compile.
        var root = Directory.CreateTempSubdirectory("sessionapp-broken-").FullName;
        var appHostFolder = Directory.CreateDirectory(Path.Combine(root, "SessionApp.AppHost")).FullName;
        var apiFolder = Directory.CreateDirectory(Path.Combine(root, "SessionApp.Api")).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(apiFolder, "SessionApp.Api.csproj"),
            """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup></Project>""",
            TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(apiFolder, "Program.cs"), "this is not C#", TestContext.Current.CancellationToken);
        var options = TestTopology.Options(output);
        options.NoBuild = false;
        options.ProjectRoot = appHostFolder;

        // Act
        var error = await Assert.ThrowsAsync<AppHostException>(() => TopologyTestHost.StartAsync(options, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken));

        // Assert
        output.WriteLine(error.Message);
        Assert.StartsWith("api: 'dotnet build SessionApp.Api.csproj' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("error CS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
