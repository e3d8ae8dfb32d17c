using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionApp.Sessions.Configuration;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// Sessions:DurableWrites on a real primary with a real replica: a durable write answers only once the replica has
/// it, and a replica that does not acknowledge in time (frozen with SIGSTOP) turns the write into a 503 whose
/// outcome is unknown, where a write that need not wait succeeds.
/// </summary>
public sealed class DurableWritesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_WithDurableWritesAll_AnswersOnlyOnceTheReplicaHasIt()
    {
        // Arrange
        await using var pair = await RedisReplicaPair.StartAsync();
        await using var app = await SessionTestApp.StartAsync(pair.Primary.ConnectionString, Durable(DurableWrites.All, TimeSpan.FromSeconds(3)));
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "warm", "up");
        await using var replicaConnection = await pair.ConnectToReplicaAsync();

        // Act: the replica is frozen while the write is made, and resumes 400 ms later
        Task<HttpResponseMessage> put;
        bool answeredWhileFrozen;
        await using (var pause = await ProcessPause.StartAsync(pair.Replica.ProcessId!.Value))
        {
            put = client.PutAsync("/values/k", new StringContent("replicated"), Token);
            await Task.Delay(400, Token);
            answeredWhileFrozen = put.IsCompleted;
        }

        using var response = await put.WaitAsync(Timeout, Token);
        var onReplica = await ValuesOnReplicaAsync(replicaConnection);

        // Assert
        Assert.False(answeredWhileFrozen, "the write answered while its replica could not have it");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(onReplica, static value => value.EndsWith("replicated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_WithDurableWritesAll_AndTheReplicaFrozen_Answers503WithRetryAfterAndAnUnknownOutcome()
    {
        // Arrange
        await using var pair = await RedisReplicaPair.StartAsync();
        await using var app = await SessionTestApp.StartAsync(pair.Primary.ConnectionString, Durable(DurableWrites.All, TimeSpan.FromMilliseconds(300)));
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");

        // Act
        var response = await PutWhileTheReplicaIsFrozenAsync(pair, client);

        using (response)
        {
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;

            // Assert
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("may or may not have been saved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Write_WithDurableWritesOff_AndTheReplicaFrozen_Succeeds()
    {
        // Arrange
        await using var pair = await RedisReplicaPair.StartAsync();
        await using var app = await SessionTestApp.StartAsync(pair.Primary.ConnectionString, Durable(DurableWrites.Off, TimeSpan.FromMilliseconds(300)));
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");

        // Act
        var response = await PutWhileTheReplicaIsFrozenAsync(pair, client);

        // Assert
        using (response)
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal("after the pause", await SessionValues.GetAsync(client, "k"));
    }

    [Fact]
    public async Task SignInAndRevocation_WithDurableWritesIdentity_AndTheReplicaFrozen_Answer503_WhileAPlainWriteSucceeds()
    {
        // Arrange
        await using var pair = await RedisReplicaPair.StartAsync();
        await using var app = await SessionTestApp.StartAsync(pair.Primary.ConnectionString, Durable(DurableWrites.Identity, TimeSpan.FromMilliseconds(300)));
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");
        using var signedIn = app.CreateClient();
        using (var bound = await signedIn.PostAsync("/bind/alice", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        }

        // Act
        HttpStatusCode plain, signIn, revoke;
        string? signInRetryAfter;
        await using (await ProcessPause.StartAsync(pair.Replica.ProcessId!.Value))
        {
            using var put = await client.PutAsync("/values/k", new StringContent("after"), Token).WaitAsync(Timeout, Token);
            using var bind = await client.PostAsync("/bind/bob", null, Token).WaitAsync(Timeout, Token);
            using var revoked = await signedIn.PostAsync("/revoke", null, Token).WaitAsync(Timeout, Token);
            (plain, signIn, revoke) = (put.StatusCode, bind.StatusCode, revoked.StatusCode);
            signInRetryAfter = bind.Headers.RetryAfter?.ToString();
        }

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, plain);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn);
        Assert.NotNull(signInRetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, revoke);
    }

    [Fact]
    public async Task Rotation_WithDurableWritesIdentity_AndTheReplicaFrozen_Answers503WithTheNewId_AndTheSessionLivesOn()
    {
        // Arrange: the primary moves the session to a new id; only the replica's acknowledgement is missing
        await using var pair = await RedisReplicaPair.StartAsync();
        await using var app = await SessionTestApp.StartAsync(pair.Primary.ConnectionString, Durable(DurableWrites.Identity, TimeSpan.FromMilliseconds(300)));
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        await SessionValues.PutAsync(client, "k", "kept");
        var before = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;

        // Act
        HttpStatusCode rotate;
        await using (await ProcessPause.StartAsync(pair.Replica.ProcessId!.Value))
        {
            using var rotated = await client.PostAsync("/rotate", null, Token).WaitAsync(Timeout, Token);
            rotate = rotated.StatusCode;
        }

        var after = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        var value = await SessionValues.GetAsync(client, "k");

        // Assert: a 503 (the move may not survive a failover), yet the client holds the id its session lives under
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rotate);
        Assert.NotEqual(before, after);
        Assert.Equal("kept", value);
    }

    [Fact]
    public async Task StartUp_WithADurableWriteTimeoutNotShorterThanTheStoreTimeout_FailsNamingTheSetting()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SessionTestApp.StartAsync(redis.ConnectionString, o =>
        {
            o.DurableWrites = DurableWrites.All;
            o.StoreTimeout = TimeSpan.FromSeconds(1);
            o.DurableWriteTimeout = TimeSpan.FromSeconds(1);
        }));

        // Assert
        Assert.Contains("Sessions:DurableWriteTimeout", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes "after the pause" to <c>k</c> while the replica is frozen (SIGSTOP), and resumes it after the answer.</summary>
    private static async Task<HttpResponseMessage> PutWhileTheReplicaIsFrozenAsync(RedisReplicaPair pair, HttpClient client)
    {
        await using (await ProcessPause.StartAsync(pair.Replica.ProcessId!.Value))
        {
            return await client.PutAsync("/values/k", new StringContent("after the pause"), Token).WaitAsync(Timeout, Token);
        }
    }

    private static Action<RedisSessionOptions> Durable(DurableWrites mode, TimeSpan wait) => o =>
    {
        o.DurableWrites = mode;
        o.DurableWriteTimeout = wait;
        o.StoreTimeout = wait + TimeSpan.FromSeconds(2);
    };

    /// <summary>Every session value the replica holds, as stored (each after its 8-byte version).</summary>
    private static async Task<List<string>> ValuesOnReplicaAsync(ConnectionMultiplexer replica)
    {
        var server = replica.GetServers()[0];
        var values = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "test:s:*"))
        {
            foreach (var entry in await replica.GetDatabase().HashGetAllAsync(key))
            {
                if (((string)entry.Name!).StartsWith("d:", StringComparison.Ordinal))
                {
                    values.Add(Encoding.UTF8.GetString((byte[])entry.Value!));
                }
            }
        }

        return values;
    }
}
