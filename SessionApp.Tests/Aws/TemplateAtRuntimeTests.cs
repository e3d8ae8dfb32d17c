using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.ServiceDefaults;
using SessionApp.Tests.Sessions;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The synthesized template, played out locally: its MemoryDB user (name and access string, read from the template)
/// on a MemoryDB-like redis-server, its SSM parameters served over SSM's protocol with the cluster's endpoint filled
/// in, ServiceDefaults' provider composing the connection, and the engine keeping a session over it.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class TemplateAtRuntimeTests(SynthesizedStackFixture stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TemplatesUserAndParameters_CarryASessionOverTlsThroughTheSsmProvider()
    {
        // Arrange
        var user = stack.Resources("AWS::MemoryDB::User").Single().Value["Properties"]!;
        await using var redis = await MemoryDbLikeRedisProcess.StartAsync(
            new MemoryDbLikeUsers((string)user["AccessString"]!, (string)user["UserName"]!));
        await using var ssm = await SsmProtocolServer.StartAsync();
        const string Path = "/sessionapp/production/";
        foreach (var parameter in stack.Resources("AWS::SSM::Parameter").Values.Select(p => p["Properties"]!))
        {
            var name = (string)parameter["Name"]!;
            var value = name switch
            {
                Path + "MemoryDb/Endpoint" => "127.0.0.1",
                Path + "MemoryDb/Port" => redis.Port.ToString(CultureInfo.InvariantCulture),
                _ => parameter["Value"] is System.Text.Json.Nodes.JsonValue literal ? (string)literal! : "token-resolved-at-deploy",
            };
            ssm.Put(name, value);
        }

        ssm.PutSecret("sessionapp/production/memorydb-password", redis.Users.AppPassword);

        // Act
        var configuration = new ConfigurationBuilder()
            .AddSsmParameterStore(source =>
            {
                source.Path = Path;
                source.CreateClient = () => SsmClients.For(ssm.Address);
            })
            .Build();
        await using var app = await SessionTestApp.StartAsync(
            configuration.GetConnectionString("sessions")!,
            o => o.KeyPrefix = configuration["Sessions:KeyPrefix"]!).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        using var client = app.CreateClient(new System.Net.CookieContainer());
        await SessionValues.PutAsync(client, "greeting", "hello from the template");
        var seen = await SessionValues.GetAsync(client, "greeting");

        // Assert
        Assert.Equal("hello from the template", seen);
        Assert.Equal("sessionapp", configuration["Sessions:KeyPrefix"]);
        Assert.StartsWith($"127.0.0.1:{redis.Port},ssl=true,user=sessionapp-production-app,", configuration.GetConnectionString("sessions"), StringComparison.Ordinal);
    }
}
