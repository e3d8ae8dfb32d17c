namespace SessionApp.Tests.Aws;

/// <summary>
/// The template test classes share one synthesis of the SessionApp topology (jsii starts node once: ≈5 s, ≈400 MB)
/// and run one at a time: the jsii runtime is one node process that fails when two threads build constructs at once.
/// The tests that run the AppHost's publish step as a process of its own belong here too: a synthesizing process
/// deletes, once done, the jsii folders created in the temp folder since it started, and it cannot tell a process
/// synthesizing at the same moment's from its own (the fixture's folders were seen deleted from under it).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AwsStackGroup : ICollectionFixture<SynthesizedStackFixture>
{
    public const string Name = "AWS stack";
}
