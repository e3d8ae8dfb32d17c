using Microsoft.Extensions.Logging;

namespace SessionApp.AppHost.Aws;

/// <summary>Log messages of the AWS publish step.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "AwsStackPublished", Level = LogLevel.Information,
        Message = "Wrote stack {StackName}: template {TemplatePath}, cloud assembly {AssemblyDirectory} (deploy it with the CDK CLI: cdk deploy --app <assembly>).")]
    public static partial void Published(ILogger logger, string stackName, string templatePath, string assemblyDirectory);

    [LoggerMessage(EventId = 2, EventName = "AwsStackSummary", Level = LogLevel.Information, Message = "  {Line}")]
    public static partial void SummaryLine(ILogger logger, string line);

    [LoggerMessage(EventId = 3, EventName = "AwsStackParameters", Level = LogLevel.Information, Message = "Parameters: {Names}")]
    private static partial void Parameters(ILogger logger, string names);

    public static void Parameters(ILogger logger, IReadOnlyList<string> names)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var joined = string.Join(", ", names);
            Parameters(logger, joined);
        }
    }
}
