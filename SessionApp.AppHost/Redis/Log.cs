using Microsoft.Extensions.Logging;

namespace SessionApp.AppHost.Redis;

/// <summary>Log messages of the session store resources, shown in the resource's console log on the dashboard.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "GarnetStarted", Level = LogLevel.Information,
        Message = "Embedded Garnet listening on 127.0.0.1:{Port} (in memory, Lua scripts atomic).")]
    public static partial void GarnetStarted(ILogger logger, int port);

    [LoggerMessage(EventId = 2, EventName = "GarnetFailedToStart", Level = LogLevel.Error,
        Message = "The embedded Garnet server did not start on 127.0.0.1:{Port}.")]
    public static partial void GarnetFailedToStart(ILogger logger, int port, Exception exception);
}
