namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// How the service reaches the shared Redis. The connection string comes from <c>ConnectionStrings:{name}</c>
/// (by default <c>ConnectionStrings:sessions</c>, the name the AppHost injects); the timeouts bind from the
/// <c>Redis</c> section and override any timeout written in the connection string.
/// </summary>
public sealed class SessionRedisOptions
{
    /// <summary>The configuration section the timeouts bind from: <c>Redis</c>.</summary>
    public const string SectionName = "Redis";

    /// <summary>The connection name, read as <c>ConnectionStrings:{ConnectionName}</c>. Default <c>sessions</c>.</summary>
    public string ConnectionName { get; set; } = "sessions";

    /// <summary>
    /// The StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c> or
    /// <c>clustercfg.x.memorydb.us-east-1.amazonaws.com:6379,ssl=true,user=app,password=secret</c>.
    /// No default: start-up fails when it is missing.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long one connect attempt may take (<c>Redis:ConnectTimeout</c>), and so how long start-up waits for the first
    /// one when Redis is down or slow. Default 5 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a synchronous command may wait for its answer (<c>Redis:SyncTimeout</c>). Default 2 seconds.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an asynchronous command may wait for its answer (<c>Redis:AsyncTimeout</c>). Default 2 seconds.</summary>
    public TimeSpan AsyncTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the readiness check waits for PING (<c>Redis:HealthCheckTimeout</c>). Default 2 seconds.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A hook from code, not configuration, applied last to the StackExchange.Redis configuration: for example
    /// <c>c =&gt; c.TrustIssuer("ca.crt")</c> for a Redis whose TLS certificate a private CA signed (MemoryDB and
    /// ElastiCache use public CAs and need none). It can undo the defaults above; keep <c>AbortOnConnectFail=false</c>
    /// and <c>BacklogPolicy.FailFast</c>. Default none.
    /// </summary>
    public Action<StackExchange.Redis.ConfigurationOptions>? ConfigureConnection { get; set; }

    /// <summary>The configuration key of the connection string, for messages: <c>ConnectionStrings:{ConnectionName}</c>.</summary>
    public string ConnectionStringKey => $"ConnectionStrings:{ConnectionName}";
}
