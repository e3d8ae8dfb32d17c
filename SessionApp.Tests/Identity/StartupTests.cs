using System.Diagnostics;
using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>The provider as the AppHost starts it: a process, configured by environment variables; and what stops it.</summary>
public sealed class StartupTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_InDevelopmentWithTheAppHostsVariables_ServesDiscovery()
    {
        // Arrange
        var port = FreePort.Next();
        var startInfo = IdentityProcess.StartInfo(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = process.StandardError.ReadToEndAsync(Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await BuiltServiceProcess.WaitUntilAnswersAsync(client, "/health").WaitAsync(ExitTimeout, Token);

            // Act
            using var discovery = await client.GetAsync("/.well-known/openid-configuration", Token);

            // Assert
            Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
            Assert.Contains($"\"issuer\": \"http://127.0.0.1:{port}/\"", await discovery.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token).WaitAsync(ExitTimeout, Token);
            await Task.WhenAll(output, errors);
        }
    }

    [Fact]
    public async Task Start_OutsideDevelopment_ExitsSayingItIsTheLocalStandInForCognito()
    {
        // Arrange
        var startInfo = IdentityProcess.StartInfo(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        // Act
        var (exited, exitCode, output) = await BuiltServiceProcess.RunUntilExitAsync(startInfo, ExitTimeout);

        // Assert
        Assert.True(exited, "the provider stopped on its own");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("local stand-in OpenID Connect provider and runs only in the Development environment (this one is 'Production')", output, StringComparison.Ordinal);
        Assert.Contains("Amazon Cognito", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShortSecretAndRelativeRedirectUri_ExitsNamingBothKeysAndNotTheSecret()
    {
        // Arrange
        var startInfo = IdentityProcess.StartInfo(new Dictionary<string, string>
        {
            ["Identity__Clients__0__ClientSecret"] = "ten-chars!",
            ["Identity__Clients__0__RedirectUris__0"] = "/signin-oidc",
        });

        // Act
        var (exited, exitCode, output) = await BuiltServiceProcess.RunUntilExitAsync(startInfo, ExitTimeout);

        // Assert
        Assert.True(exited, "the provider stopped on its own");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Identity:Clients:0:ClientSecret is required and must be at least 32 characters (it has 10).", output, StringComparison.Ordinal);
        Assert.Contains("Identity:Clients:0:RedirectUris:0 must be an absolute http(s) URI", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ten-chars!", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutAClient_ExitsNamingTheSection()
    {
        // Arrange
        var startInfo = IdentityProcess.StartInfo(new Dictionary<string, string>());
        foreach (var key in startInfo.Environment.Keys.Where(static key => key.StartsWith("Identity__Clients__", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        // Act
        var (exited, exitCode, output) = await BuiltServiceProcess.RunUntilExitAsync(startInfo, ExitTimeout);

        // Assert
        Assert.True(exited, "the provider stopped on its own");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Identity:Clients must register at least one client", output, StringComparison.Ordinal);
    }
}
