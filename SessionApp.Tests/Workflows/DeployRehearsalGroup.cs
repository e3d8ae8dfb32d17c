namespace SessionApp.Tests.Workflows;

/// <summary>
/// The deploy rehearsal runs alone: each run builds the solution's deployed projects in a fresh checkout, which takes
/// both of this machine's cores for minutes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeployRehearsalGroup
{
    public const string Name = "Deploy rehearsal";
}
