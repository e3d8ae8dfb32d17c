using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;
using SessionApp.ServiceDefaults.Configuration;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>The SSM Parameter Store provider against moto's SSM and Secrets Manager, through the real AWS SDK.</summary>
public sealed class SsmParameterStoreTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string Path = "/sessionapp/test/";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async ValueTask InitializeAsync()
    {
        // A test that stopped the server leaves it to the next one to start again.
        await moto.StartAsync();
        await moto.ResetAsync();
        await moto.PutParameterAsync(Path + "MemoryDb/ConnectionName", "sessions");
        await moto.PutParameterAsync(Path + "MemoryDb/Endpoint", "clustercfg.sessionapp-test.abc123.memorydb.us-east-1.amazonaws.com");
        await moto.PutParameterAsync(Path + "MemoryDb/Port", "6379");
        await moto.PutParameterAsync(Path + "MemoryDb/User", "sessionapp-test-app");
        await moto.PutParameterAsync(Path + "MemoryDb/Tls", "true");
        await moto.PutParameterAsync(Path + "MemoryDb/PasswordSecret", "sessionapp/test/memorydb-password");
        await moto.CreateSecretAsync("sessionapp/test/memorydb-password", "Gen3ratedPassw0rdFromSecretsManager");
        await moto.PutParameterAsync(Path + "Sessions/KeyPrefix", "sessionapp");
        await moto.PutParameterAsync(Path + "Sessions/IdleTimeout", "00:20:00");
        await moto.PutParameterAsync(Path + "DataProtection/RedisKey", "sessionapp:dataprotection-keys");
        await moto.PutParameterAsync(Path + "services/api/http/0", "http://api:8080");
        await moto.PutParameterAsync(Path + "ForwardedHeaders/KnownNetworks/0", "10.0.0.0/16");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IConfigurationRoot Build(TimeSpan? reload = null, Uri? endpoint = null) =>
        new ConfigurationBuilder().AddSsmParameterStore(source =>
        {
            source.Path = Path;
            source.ReloadInterval = reload;
            source.CreateClient = () => AwsClients.Ssm(endpoint ?? moto.Address);
        }).Build();

    [Fact]
    public async Task Load_ParametersOverSeveralPages_ReadsEveryOneWithSlashesAsColons()
    {
        // Arrange: 21 parameters, which SSM answers in pages of at most 10 (the provider asks for 10)
        for (var i = 0; i < 10; i++)
        {
            await moto.PutParameterAsync($"{Path}Extra/{i}", $"value {i}");
        }

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal("sessionapp", configuration["Sessions:KeyPrefix"]);
        Assert.Equal("00:20:00", configuration["Sessions:IdleTimeout"]);
        Assert.Equal("http://api:8080", configuration["services:api:http:0"]);
        Assert.Equal("10.0.0.0/16", configuration["ForwardedHeaders:KnownNetworks:0"]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"value {i}"), configuration.GetSection("Extra").GetChildren().OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value!));
        var pages = (await moto.RequestsAsync()).Where(r => r.Operation == "GetParametersByPath").ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p =>
        {
            Assert.Equal("/sessionapp/test", (string?)p.Body["Path"]);
            Assert.True((bool?)p.Body["Recursive"]);
            Assert.True((bool?)p.Body["WithDecryption"]);
        });
        Assert.Null(pages[0].Body["NextToken"]);
        Assert.NotNull(pages[^1].Body["NextToken"]);
    }

    [Fact]
    public async Task Load_MemoryDbParameters_ComposeTheSessionsConnectionStringWithThePasswordFromSecretsManager()
    {
        // Arrange: the parameters of InitializeAsync

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal(
            "clustercfg.sessionapp-test.abc123.memorydb.us-east-1.amazonaws.com:6379,ssl=true,user=sessionapp-test-app,password=Gen3ratedPassw0rdFromSecretsManager",
            configuration.GetConnectionString("sessions"));
        var secretRead = Assert.Single(await moto.RequestsAsync(), r => r.Operation == "GetParameter");
        Assert.Equal("/aws/reference/secretsmanager/sessionapp/test/memorydb-password", (string?)secretRead.Body["Name"]);
        Assert.DoesNotContain(configuration.AsEnumerable(), pair => pair.Key.Contains("Password", StringComparison.OrdinalIgnoreCase) && pair.Value == "Gen3ratedPassw0rdFromSecretsManager");
    }

    [Fact]
    public async Task Load_SecureStringParameter_IsDecrypted()
    {
        // Arrange
        await moto.PutParameterAsync(Path + "Sessions/EncryptionKeys/0", "k1:c2VjcmV0LWtleS1tYXRlcmlhbA", secure: true);

        // Act
        var configuration = Build();

        // Assert: the plain value, which SSM gives only to a request that asks for decryption
        Assert.Equal("k1:c2VjcmV0LWtleS1tYXRlcmlhbA", configuration["Sessions:EncryptionKeys:0"]);
        Assert.NotEqual("k1:c2VjcmV0LWtleS1tYXRlcmlhbA", await moto.GetParameterValueAsync(Path + "Sessions/EncryptionKeys/0", withDecryption: false));
    }

    [Fact]
    public async Task Load_NestedPaths_BecomeNestedSections()
    {
        // Arrange
        await moto.PutParameterAsync(Path + "Users/0/UserName", "alice");
        await moto.PutParameterAsync(Path + "Users/0/Roles/0", "admin");

        // Act
        var configuration = Build();

        // Assert
        var user = configuration.GetSection("Users:0");
        Assert.Equal("alice", user["UserName"]);
        Assert.Equal("admin", user.GetSection("Roles").GetChildren().Single().Value);
    }

    [Fact]
    public async Task Reload_AChangedParameter_IsSeenAndSignalledWithoutARestart()
    {
        // Arrange
        var configuration = Build(reload: TimeSpan.FromMilliseconds(200));
        var changed = new TaskCompletionSource();
        ChangeToken.OnChange(configuration.GetReloadToken, () => changed.TrySetResult());

        // Act
        await moto.PutParameterAsync(Path + "Sessions/IdleTimeout", "00:45:00");
        await changed.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("00:45:00", configuration["Sessions:IdleTimeout"]);
        (configuration as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task Reload_WhileSsmIsDown_KeepsTheValuesItHas()
    {
        // Arrange
        var configuration = Build(reload: TimeSpan.FromMilliseconds(100));
        var provider = configuration.Providers.OfType<SsmParameterStoreProvider>().Single();

        // Act
        await moto.StopAsync();
        while (provider.LastReloadError is null)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal("sessionapp", configuration["Sessions:KeyPrefix"]);
        Assert.Contains("could not be reached", provider.LastReloadError.Message, StringComparison.Ordinal);
        (configuration as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task Load_MissingRequiredParameter_FailsNamingIt()
    {
        // Arrange
        await moto.DeleteParameterAsync(Path + "MemoryDb/Endpoint");

        // Act
        var error = Assert.Throws<SsmParameterStoreException>(() => Build());

        // Assert
        Assert.Equal("Required SSM parameter '/sessionapp/test/MemoryDb/Endpoint' is missing (Ssm:Path is '/sessionapp/test/').", error.Message);
    }

    [Theory]
    [InlineData("MemoryDb/PasswordSecret", "the MemoryDB password")]
    [InlineData("Sessions/UserHashKeySecret", "the user hash key")]
    [InlineData("Authentication/Oidc/ClientSecretSecret", "the OpenID Connect client secret")]
    public async Task Load_SecretThatDoesNotExist_FailsNamingTheReferenceAndTheParameterThatNamesIt(string parameter, string what)
    {
        // Arrange
        await moto.PutParameterAsync(Path + parameter, "sessionapp/test/no-such-secret");

        // Act
        var error = Assert.Throws<SsmParameterStoreException>(() => Build());

        // Assert
        Assert.StartsWith(
            $"Could not read {what} '/aws/reference/secretsmanager/sessionapp/test/no-such-secret' (the secret named by '/sessionapp/test/{parameter}'): SSM has no such parameter",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UserHashKeySecretNamed_ItsValueBecomesSessionsUserHashKey()
    {
        // Arrange
        const string Key = "q7Vd2LmX9aKp3RtY8wZb4NcE6hJs1UfG5oIi0TyWxQvB";
        await moto.PutParameterAsync(Path + "Sessions/UserHashKeySecret", "sessionapp/test/user-hash-key");
        await moto.CreateSecretAsync("sessionapp/test/user-hash-key", Key);

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal(Key, configuration["Sessions:UserHashKey"]);
        Assert.Contains(await moto.RequestsAsync(), r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/test/user-hash-key");
    }

    [Fact]
    public async Task Load_NoUserHashKeySecretNamed_LeavesSessionsUserHashKeyToOtherSources()
    {
        // Arrange: no Sessions/UserHashKeySecret parameter (the engine's own validation then asks for the key).

        // Act
        var configuration = Build();

        // Assert
        Assert.Null(configuration["Sessions:UserHashKey"]);
        Assert.Equal(["/aws/reference/secretsmanager/sessionapp/test/memorydb-password"], (await moto.RequestsAsync()).Where(r => r.Operation == "GetParameter").Select(r => (string?)r.Body["Name"]));
    }

    [Fact]
    public async Task Load_OidcClientSecretSecretNamed_ItsValueBecomesAuthenticationOidcClientSecret()
    {
        // Arrange: the Cognito settings as the AWS stack writes them, the client secret only by its secret's name.
        const string Secret = "1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0z1x2c3v4b5n6m7";
        await moto.PutParameterAsync(Path + "Authentication/Oidc/Authority", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1");
        await moto.PutParameterAsync(Path + "Authentication/Oidc/ClientId", "5r1tb2hq0c3e8k6n4p7s9u0w1y");
        await moto.PutParameterAsync(Path + "Authentication/Oidc/ClientSecretSecret", "sessionapp/test/oidc-client-secret");
        await moto.PutParameterAsync(Path + "Authentication/Oidc/Provider", "Cognito");
        await moto.PutParameterAsync(Path + "Authentication/Oidc/CognitoDomain", "https://sessionapp-test-123456789012.auth.us-east-1.amazoncognito.com");
        await moto.CreateSecretAsync("sessionapp/test/oidc-client-secret", Secret);

        // Act
        var configuration = Build();
        var signIn = configuration.GetSection(OidcSignInOptions.SectionName).Get<OidcSignInOptions>()!;

        // Assert
        Assert.Equal(Secret, configuration["Authentication:Oidc:ClientSecret"]);
        Assert.Equal((Secret, OidcProviderKind.Cognito), (signIn.ClientSecret, signIn.Provider));
        Assert.True(new OidcSignInOptionsValidator().Validate(null, signIn).Succeeded);
        Assert.Contains(await moto.RequestsAsync(), r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/test/oidc-client-secret");
    }

    [Fact]
    public void Load_SsmUnreachable_FailsNamingThePath()
    {
        // Arrange
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        // Act
        var error = Assert.Throws<SsmParameterStoreException>(() => Build(endpoint: closed));

        // Assert
        Assert.StartsWith("Could not load the parameters under '/sessionapp/test/' (Ssm:Path): SSM Parameter Store could not be reached", error.Message, StringComparison.Ordinal);
    }
}
