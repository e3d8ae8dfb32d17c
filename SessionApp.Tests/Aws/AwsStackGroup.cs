namespace SessionApp.Tests.Aws;

/// <summary>
/// The template test classes share one synthesis of the SessionApp topology (jsii starts node once: ≈5 s, ≈400 MB)
/// and run one at a time: the jsii runtime is one node process that fails when two threads build constructs at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AwsStackGroup : ICollectionFixture<SynthesizedStackFixture>
{
    public const string Name = "AWS stack";
}
