namespace SessionApp.Tests.AppHost;

/// <summary>
/// End-to-end tests that each start the whole topology (five processes) run one at a time, alone,
/// so they neither compete for this machine's two cores nor skew the start-up measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "AppHost end to end";
}
