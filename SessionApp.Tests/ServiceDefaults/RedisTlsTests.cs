using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.ServiceDefaults.Redis;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>The MemoryDB shape of connection string (TLS, ACL user, password) against a real redis-server with TLS and ACL.</summary>
public sealed class RedisTlsTests
{
    [Fact]
    public async Task Connect_TlsWithAclUserAndPassword_AuthenticatesAsThatUserAndIsHealthy()
    {
        // Arrange
        using var certificates = TestCertificates.Create();
        var tlsPort = FreePort.Next();
        await using var redis = await RedisServerProcess.StartAsync(
            appendOnly: false,
            "--tls-port", tlsPort.ToString(CultureInfo.InvariantCulture),
            "--tls-cert-file", certificates.ServerCertificatePath,
            "--tls-key-file", certificates.ServerKeyPath,
            "--tls-ca-cert-file", certificates.CaCertificatePath,
            "--tls-auth-clients", "no",
            "--user", "app", "on", ">s3cret-pw", "~*", "&*", "+@all");
        var connectionString = $"127.0.0.1:{tlsPort},ssl=true,user=app,password=s3cret-pw";
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(connectionString),
            configure: builder => builder.Services.Configure<SessionRedisOptions>(
                options => options.ConfigureConnection = c => c.TrustIssuer(certificates.CaCertificatePath)));

        // Act
        var connection = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var whoAmI = await connection.GetDatabase().ExecuteAsync("ACL", "WHOAMI")
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);
        using var health = await app.Client.GetAsync("/health", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("app", whoAmI.ToString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

}
