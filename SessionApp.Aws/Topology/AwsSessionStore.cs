namespace SessionApp.Aws;

/// <summary>The shared Redis of the topology, published as an Amazon MemoryDB cluster.</summary>
/// <param name="Name">The resource name, which is also the connection name the services read (<c>ConnectionStrings:{Name}</c>), e.g. <c>sessions</c>.</param>
/// <param name="KeyPrefix">The engine's <c>Sessions:KeyPrefix</c> (the AppHost passes its default, <c>RedisSessionOptions.DefaultKeyPrefix</c>): the ACL user may touch only keys under it.</param>
public sealed record AwsSessionStore(string Name, string KeyPrefix);
