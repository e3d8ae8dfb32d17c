namespace SessionApp.ServiceDefaults.Telemetry;

/// <summary>Names of the telemetry sources this solution's libraries publish.</summary>
internal static class SessionTelemetry
{
    /// <summary>The ActivitySource and Meter name of the session engine (SessionApp.Sessions).</summary>
    public const string SessionsSourceName = "SessionApp.Sessions";
}
