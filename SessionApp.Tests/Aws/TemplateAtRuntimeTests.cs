using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.ServiceDefaults;
using SessionApp.Tests.Sessions;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The synthesized template, played out locally: its MemoryDB user (name and access string, read from the template)
/// on a MemoryDB-like redis-server, its SSM parameters and secrets served by moto with the cluster's endpoint filled
/// in, ServiceDefaults' provider composing the connection and reading the Cognito sign-in settings with the client's
/// secret, and the engine keeping a session over it; and the real API and Web, started in Production with nothing but
/// <c>Ssm__Path</c>, healthy on those settings alone, the Web sending a signing-in browser to the user pool's hosted UI.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class TemplateAtRuntimeTests(SynthesizedStackFixture stack, MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string Path = "/sessionapp/production/";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    /// <summary>What the user pool's domain resolves to at deploy time: its prefix with an account id, in the region.</summary>
    private static readonly Uri CognitoDomain = new("https://sessionapp-production-123456789012.auth.us-east-1.amazoncognito.com");

    /// <summary>An app client id as Cognito makes them (26 lower-case letters and digits).</summary>
    private const string ClientId = "5r1tb2hq0c3e8k6n4p7s9u0w1y";

    /// <summary>A client secret as Cognito makes them (51 lower-case letters and digits).</summary>
    private static readonly string ClientSecret = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 51);

    public async ValueTask InitializeAsync() => await moto.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Puts into moto every SSM parameter of the template as SSM has them after the deployment (the cluster's endpoint,
    /// the VPC's CIDR and the user pool's issuer, client id and domain, tokens until then, filled in; the issuer is the
    /// discovery stand-in's when there is one) and the three secrets the services read: the MemoryDB user's password, a
    /// user hash key of the template's length, in letters and digits as Secrets Manager makes it, and the app client's
    /// secret; with <paramref name="withKeyRingKey"/>, a KMS key for the key ring.
    /// </summary>
    private async Task ServeTheTemplatesSettingsAsync(MemoryDbLikeRedisProcess redis, bool withKeyRingKey = false, CognitoDiscoveryStandIn? cognito = null)
    {
        var keyRingKey = withKeyRingKey ? await moto.CreateKeyAsync() : "token-resolved-at-deploy";
        var authority = cognito?.Authority.ToString() ?? $"https://cognito-idp.us-east-1.amazonaws.com/{CognitoDiscoveryStandIn.UserPoolId}";
        foreach (var parameter in stack.Resources("AWS::SSM::Parameter").Values.Select(p => p["Properties"]!))
        {
            var name = (string)parameter["Name"]!;
            var value = name switch
            {
                Path + "MemoryDb/Endpoint" => "127.0.0.1",
                Path + "MemoryDb/Port" => redis.Port.ToString(CultureInfo.InvariantCulture),
                Path + "ForwardedHeaders/KnownNetworks/0" => "10.0.0.0/16",
                Path + "DataProtection/KmsKeyId" => keyRingKey,
                Path + "Authentication/Oidc/Authority" => authority,
                Path + "Authentication/Oidc/ClientId" => ClientId,
                Path + "Authentication/Oidc/CognitoDomain" => CognitoDomain.ToString().TrimEnd('/'),
                _ => parameter["Value"] is JsonValue literal ? (string)literal! : "token-resolved-at-deploy",
            };
            await moto.PutParameterAsync(name, value);
        }

        await moto.CreateSecretAsync("sessionapp/production/memorydb-password", redis.Users.AppPassword);
        var generator = stack.Resources("AWS::SecretsManager::Secret").Values
            .Select(s => s["Properties"]!)
            .Single(p => (string)p["Name"]! == "sessionapp/production/user-hash-key")["GenerateSecretString"]!;
        await moto.CreateSecretAsync(
            "sessionapp/production/user-hash-key",
            RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", (int)generator["PasswordLength"]!));
        await moto.CreateSecretAsync("sessionapp/production/oidc-client-secret", ClientSecret);
    }

    /// <summary>A MemoryDB-like server with the template's user: its name and access string.</summary>
    private Task<MemoryDbLikeRedisProcess> StartTheTemplatesMemoryDbAsync()
    {
        var user = stack.Resources("AWS::MemoryDB::User").Single().Value["Properties"]!;
        return MemoryDbLikeRedisProcess.StartAsync(new MemoryDbLikeUsers((string)user["AccessString"]!, (string)user["UserName"]!));
    }

    /// <summary>What ServiceDefaults' SSM provider makes of the parameters moto serves, as a task would.</summary>
    private IConfigurationRoot ReadThroughTheSsmProvider() =>
        new ConfigurationBuilder()
            .AddSsmParameterStore(source =>
            {
                source.Path = Path;
                source.CreateClient = () => AwsClients.Ssm(moto.Address);
            })
            .Build();

    [Fact]
    public async Task TemplatesUserAndParameters_CarryASessionOverTlsThroughTheSsmProvider()
    {
        // Arrange
        await using var redis = await StartTheTemplatesMemoryDbAsync();
        await ServeTheTemplatesSettingsAsync(redis);

        // Act
        var configuration = ReadThroughTheSsmProvider();
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

    [Fact]
    public async Task TemplatesParameters_GiveTheServicesCognitoSignIn_WithTheClientSecretFromSecretsManager()
    {
        // Arrange
        await using var redis = await StartTheTemplatesMemoryDbAsync();
        await ServeTheTemplatesSettingsAsync(redis);

        // Act
        var configuration = ReadThroughTheSsmProvider();
        var signIn = configuration.GetSection(OidcSignInOptions.SectionName).Get<OidcSignInOptions>()!;
        var validation = new OidcSignInOptionsValidator().Validate(null, signIn);

        // Assert: what ServiceDefaults binds, valid as it is, the client secret read through SSM's reference path.
        Assert.True(validation.Succeeded, validation.FailureMessage);
        Assert.Equal(new Uri($"https://cognito-idp.us-east-1.amazonaws.com/{CognitoDiscoveryStandIn.UserPoolId}"), signIn.Authority);
        Assert.Equal((ClientId, ClientSecret), (signIn.ClientId, signIn.ClientSecret));
        Assert.Equal((OidcProviderKind.Cognito, CognitoDomain), (signIn.Provider, signIn.CognitoDomain));
        Assert.Equal(("cognito:groups", "openid profile email"), (signIn.RoleClaim, signIn.Scope));
        Assert.True(signIn.RequireHttpsMetadata);
        Assert.Contains(await moto.RequestsAsync(), r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/production/oidc-client-secret");
    }

    [Theory]
    [InlineData("SessionApp.Api")]
    [InlineData("SessionApp.Web")]
    public async Task TemplatesSettings_StartTheRealServiceInProductionFromSsmAlone_HealthAnswers200(string project)
    {
        // Arrange: the service as its own process, as the ECS task runs it: Production and Ssm__Path (what the task
        // definition sets), the task role's credentials, nothing else of the app's settings.
        await using var redis = await StartTheTemplatesMemoryDbAsync();
        await using var cognito = await CognitoDiscoveryStandIn.StartAsync(CognitoDomain);
        await ServeTheTemplatesSettingsAsync(redis, withKeyRingKey: true, cognito);
        var port = FreePort.Next();
        var startInfo = PublishedServiceProcess.StartInfo(project, port, new Dictionary<string, string>
        {
            ["Ssm__Path"] = Path,
            ["Ssm__ServiceUrl"] = moto.Address.ToString(),
            ["Ssm__Region"] = "us-east-1",
            // KMS's endpoint, which the task reaches by its region (AWS_REGION, set by ECS).
            ["DataProtection__KmsServiceUrl"] = moto.Address.ToString(),
            // What the task role's credentials are in ECS; moto does not check them.
            ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "test-secret",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            // The MemoryDB-like server's private CA (MemoryDB's certificates chain to a public one).
            ["SERedis_IssuerCertPath"] = MemoryDbLikeTls.Certificates.CaCertificatePath,
            // The same CA for the user pool's discovery stand-in (Cognito's issuer has a public certificate).
            ["SSL_CERT_FILE"] = CognitoDiscoveryStandIn.CaCertificatePath,
        });

        // Act
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        HttpStatusCode? health;
        HttpStatusCode? login = null;
        Uri? signInAt = null;
        try
        {
            health = await HealthOnceStartedAsync(process, new Uri($"http://127.0.0.1:{port}/health"));
            if (project == "SessionApp.Web" && health == HttpStatusCode.OK)
            {
                // Signing in sends the browser to the user pool's hosted UI; the challenge's correlation cookie needs the
                // ring's first key, which is stored encrypted by KMS.
                using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = Timeout };
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/Login"), TestContext.Current.CancellationToken);
                (login, signInAt) = (response.StatusCode, response.Headers.Location);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        // Assert
        var log = await output + await errors;
        var requests = await moto.RequestsAsync();
        Assert.True(health == HttpStatusCode.OK, $"{project}'s /health answered {(int?)health} (null: it exited or never listened). Its output:\n{log}");
        Assert.Contains(requests, r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/production/user-hash-key");
        Assert.Contains(requests, r => r.Operation == "GetParameter" && (string?)r.Body["Name"] == "/aws/reference/secretsmanager/sessionapp/production/oidc-client-secret");
        if (project == "SessionApp.Web")
        {
            Assert.True(login == HttpStatusCode.Redirect, $"/Login answered {(int?)login}. The service's output:\n{log}");
            Assert.Equal(new Uri(CognitoDomain, "/oauth2/authorize"), new Uri(signInAt!.GetLeftPart(UriPartial.Path)));
            var query = QueryHelpers.ParseQuery(signInAt.Query);
            Assert.Equal(ClientId, query["client_id"].ToString());
            Assert.Equal(("code", "openid profile email", "S256"), (query["response_type"].ToString(), query["scope"].ToString(), query["code_challenge_method"].ToString()));
            Assert.Equal($"http://127.0.0.1:{port}/signin-oidc", query["redirect_uri"].ToString());
            Assert.Contains($"/{CognitoDiscoveryStandIn.UserPoolId}/.well-known/openid-configuration", cognito.Requests);
            Assert.Contains(requests, r => r.Operation == "Encrypt");
        }
        else
        {
            // The API knows the provider too, and asks for its discovery document only when it needs it.
            Assert.Empty(cognito.Requests);
        }
    }

    /// <summary>Asks <paramref name="health"/> until it answers 200 or the process exits; the last answer, or null if none came.</summary>
    private static async Task<HttpStatusCode?> HealthOnceStartedAsync(Process process, Uri health)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = TimeProvider.System.GetTimestamp();
        HttpStatusCode? last = null;
        while (!process.HasExited && TimeProvider.System.GetElapsedTime(started) < ProcessTimeout)
        {
            try
            {
                using var response = await client.GetAsync(health, TestContext.Current.CancellationToken);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
        }

        return last;
    }
}
