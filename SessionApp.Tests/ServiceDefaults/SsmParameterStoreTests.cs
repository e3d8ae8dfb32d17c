using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;
using SessionApp.ServiceDefaults.Configuration;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>The SSM Parameter Store provider against a server that speaks SSM's wire protocol, through the real AWS SDK.</summary>
public sealed class SsmParameterStoreTests : IAsyncLifetime
{
    private const string Path = "/sessionapp/test/";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private SsmProtocolServer _ssm = null!;

    public async ValueTask InitializeAsync()
    {
        _ssm = await SsmProtocolServer.StartAsync();
        _ssm.Put(Path + "MemoryDb/ConnectionName", "sessions");
        _ssm.Put(Path + "MemoryDb/Endpoint", "clustercfg.sessionapp-test.abc123.memorydb.us-east-1.amazonaws.com");
        _ssm.Put(Path + "MemoryDb/Port", "6379");
        _ssm.Put(Path + "MemoryDb/User", "sessionapp-test-app");
        _ssm.Put(Path + "MemoryDb/Tls", "true");
        _ssm.Put(Path + "MemoryDb/PasswordSecret", "sessionapp/test/memorydb-password");
        _ssm.PutSecret("sessionapp/test/memorydb-password", "Gen3ratedPassw0rdFromSecretsManager");
        _ssm.Put(Path + "Sessions/KeyPrefix", "sessionapp");
        _ssm.Put(Path + "Sessions/IdleTimeout", "00:20:00");
        _ssm.Put(Path + "DataProtection/RedisKey", "sessionapp:dataprotection-keys");
        _ssm.Put(Path + "services/api/http/0", "http://api:8080");
        _ssm.Put(Path + "ForwardedHeaders/KnownNetworks/0", "10.0.0.0/16");
    }

    public async ValueTask DisposeAsync() => await _ssm.DisposeAsync();

    private IConfigurationRoot Build(TimeSpan? reload = null, Uri? endpoint = null) =>
        new ConfigurationBuilder().AddSsmParameterStore(source =>
        {
            source.Path = Path;
            source.ReloadInterval = reload;
            source.CreateClient = () => AwsClients.Ssm(endpoint ?? _ssm.Address);
        }).Build();

    [Fact]
    public void Load_ParametersOverSeveralPages_ReadsEveryOneWithSlashesAsColons()
    {
        // Arrange
        _ssm.PageSize = 3;

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal("sessionapp", configuration["Sessions:KeyPrefix"]);
        Assert.Equal("00:20:00", configuration["Sessions:IdleTimeout"]);
        Assert.Equal("http://api:8080", configuration["services:api:http:0"]);
        Assert.Equal("10.0.0.0/16", configuration["ForwardedHeaders:KnownNetworks:0"]);
        var pages = _ssm.Requests.Where(r => r.Operation == "GetParametersByPath").ToList();
        Assert.Equal(4, pages.Count);
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
    public void Load_MemoryDbParameters_ComposeTheSessionsConnectionStringWithThePasswordFromSecretsManager()
    {
        // Arrange
        _ssm.PageSize = 10;

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal(
            "clustercfg.sessionapp-test.abc123.memorydb.us-east-1.amazonaws.com:6379,ssl=true,user=sessionapp-test-app,password=Gen3ratedPassw0rdFromSecretsManager",
            configuration.GetConnectionString("sessions"));
        var secretRead = Assert.Single(_ssm.Requests, r => r.Operation == "GetParameter");
        Assert.Equal("/aws/reference/secretsmanager/sessionapp/test/memorydb-password", (string?)secretRead.Body["Name"]);
        Assert.DoesNotContain(configuration.AsEnumerable(), pair => pair.Key.Contains("Password", StringComparison.OrdinalIgnoreCase) && pair.Value == "Gen3ratedPassw0rdFromSecretsManager");
    }

    [Fact]
    public void Load_SecureStringParameter_IsDecrypted()
    {
        // Arrange
        _ssm.Put(Path + "Sessions/EncryptionKeys/0", "k1:c2VjcmV0LWtleS1tYXRlcmlhbA", secure: true);

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal("k1:c2VjcmV0LWtleS1tYXRlcmlhbA", configuration["Sessions:EncryptionKeys:0"]);
        Assert.NotEqual(SsmProtocolServer.CipherText("k1:c2VjcmV0LWtleS1tYXRlcmlhbA"), configuration["Sessions:EncryptionKeys:0"]);
    }

    [Fact]
    public void Load_NestedPaths_BecomeNestedSections()
    {
        // Arrange
        _ssm.Put(Path + "Users/0/UserName", "alice");
        _ssm.Put(Path + "Users/0/Roles/0", "admin");

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
        _ssm.Put(Path + "Sessions/IdleTimeout", "00:45:00");
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
        await _ssm.DisposeAsync();
        while (provider.LastReloadError is null)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal("sessionapp", configuration["Sessions:KeyPrefix"]);
        Assert.Contains("could not be reached", provider.LastReloadError.Message, StringComparison.Ordinal);
        (configuration as IDisposable)?.Dispose();
        _ssm = await SsmProtocolServer.StartAsync();
    }

    [Fact]
    public void Load_MissingRequiredParameter_FailsNamingIt()
    {
        // Arrange
        _ssm.Remove(Path + "MemoryDb/Endpoint");

        // Act
        var error = Assert.Throws<SsmParameterStoreException>(() => Build());

        // Assert
        Assert.Equal("Required SSM parameter '/sessionapp/test/MemoryDb/Endpoint' is missing (Ssm:Path is '/sessionapp/test/').", error.Message);
    }

    [Theory]
    [InlineData("MemoryDb/PasswordSecret", "the MemoryDB password")]
    [InlineData("Sessions/UserHashKeySecret", "the user hash key")]
    [InlineData("Authentication/Oidc/ClientSecretSecret", "the OpenID Connect client secret")]
    public void Load_SecretThatDoesNotExist_FailsNamingTheReferenceAndTheParameterThatNamesIt(string parameter, string what)
    {
        // Arrange
        _ssm.Put(Path + parameter, "sessionapp/test/no-such-secret");

        // Act
        var error = Assert.Throws<SsmParameterStoreException>(() => Build());

        // Assert
        Assert.StartsWith(
            $"Could not read {what} '/aws/reference/secretsmanager/sessionapp/test/no-such-secret' (the secret named by '/sessionapp/test/{parameter}'): SSM has no such parameter",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UserHashKeySecretNamed_ItsValueBecomesSessionsUserHashKey()
    {
        // Arrange
        const string Key = "q7Vd2LmX9aKp3RtY8wZb4NcE6hJs1UfG5oIi0TyWxQvB";
        _ssm.Put(Path + "Sessions/UserHashKeySecret", "sessionapp/test/user-hash-key");
        _ssm.PutSecret("sessionapp/test/user-hash-key", Key);

        // Act
        var configuration = Build();

        // Assert
        Assert.Equal(Key, configuration["Sessions:UserHashKey"]);
        Assert.Contains(_ssm.Requests, r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/test/user-hash-key");
    }

    [Fact]
    public void Load_NoUserHashKeySecretNamed_LeavesSessionsUserHashKeyToOtherSources()
    {
        // Arrange: no Sessions/UserHashKeySecret parameter (the engine's own validation then asks for the key).

        // Act
        var configuration = Build();

        // Assert
        Assert.Null(configuration["Sessions:UserHashKey"]);
        Assert.Equal(["/aws/reference/secretsmanager/sessionapp/test/memorydb-password"], _ssm.Requests.Where(r => r.Operation == "GetParameter").Select(r => (string?)r.Body["Name"]));
    }

    [Fact]
    public void Load_OidcClientSecretSecretNamed_ItsValueBecomesAuthenticationOidcClientSecret()
    {
        // Arrange: the Cognito settings as the AWS stack writes them, the client secret only by its secret's name.
        const string Secret = "1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0z1x2c3v4b5n6m7";
        _ssm.Put(Path + "Authentication/Oidc/Authority", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1");
        _ssm.Put(Path + "Authentication/Oidc/ClientId", "5r1tb2hq0c3e8k6n4p7s9u0w1y");
        _ssm.Put(Path + "Authentication/Oidc/ClientSecretSecret", "sessionapp/test/oidc-client-secret");
        _ssm.Put(Path + "Authentication/Oidc/Provider", "Cognito");
        _ssm.Put(Path + "Authentication/Oidc/CognitoDomain", "https://sessionapp-test-123456789012.auth.us-east-1.amazoncognito.com");
        _ssm.PutSecret("sessionapp/test/oidc-client-secret", Secret);

        // Act
        var configuration = Build();
        var signIn = configuration.GetSection(OidcSignInOptions.SectionName).Get<OidcSignInOptions>()!;

        // Assert
        Assert.Equal(Secret, configuration["Authentication:Oidc:ClientSecret"]);
        Assert.Equal((Secret, OidcProviderKind.Cognito), (signIn.ClientSecret, signIn.Provider));
        Assert.True(new OidcSignInOptionsValidator().Validate(null, signIn).Succeeded);
        Assert.Contains(_ssm.Requests, r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/test/oidc-client-secret");
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
