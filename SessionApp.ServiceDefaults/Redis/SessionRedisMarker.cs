namespace SessionApp.ServiceDefaults.Redis;

/// <summary>Marks a service collection in which <c>AddSessionRedis</c> already ran, so a second call adds nothing.</summary>
internal sealed class SessionRedisMarker;
