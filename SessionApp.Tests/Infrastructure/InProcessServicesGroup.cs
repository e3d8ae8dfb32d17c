namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The test classes that start SessionApp.Api or SessionApp.Web in this process run one class at a time.
/// WebApplicationFactory captures a top-level program's host through process-wide hosting diagnostics, so two
/// factories starting at once can pick up each other's host (seen as an ObjectDisposedException at start);
/// and starting many hosts at once only slows them all down on a two-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessServicesGroup
{
    public const string Name = "In-process services";
}
