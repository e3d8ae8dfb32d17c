namespace SessionApp.Sessions.Configuration;

/// <summary>
/// Which writes wait for a replica to acknowledge them (Redis <c>WAIT 1</c>) before the response, so that a
/// failover to that replica cannot lose them (<see cref="RedisSessionOptions.DurableWrites"/>).
/// </summary>
public enum DurableWrites
{
    /// <summary>No write waits: a write is acknowledged once its primary has it (Redis's own default).</summary>
    Off,

    /// <summary>
    /// The writes that change who a session belongs to or whether it lives wait: sign-in (binding to a user, the
    /// authentication ticket), rotation and revocation.
    /// </summary>
    Identity,

    /// <summary>Every commit waits, as well as the writes of <see cref="Identity"/>.</summary>
    All,
}
