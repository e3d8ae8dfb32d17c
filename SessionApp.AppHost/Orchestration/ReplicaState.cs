using System.Text.Json.Serialization;

namespace SessionApp.AppHost.Orchestration;

/// <summary>Where one replica is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplicaState>))]
public enum ReplicaState
{
    /// <summary>Declared, not started yet.</summary>
    NotStarted,

    /// <summary>Launched; its health check has not passed yet.</summary>
    Starting,

    /// <summary>Running and answering its health check.</summary>
    Healthy,

    /// <summary>Running but failing its health check after having passed it.</summary>
    Unhealthy,

    /// <summary>Exited unexpectedly; waiting before it is started again.</summary>
    Restarting,

    /// <summary>Stopped on request.</summary>
    Stopped,
}
