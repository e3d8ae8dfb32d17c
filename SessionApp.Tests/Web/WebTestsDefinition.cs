namespace SessionApp.Tests.Web;

/// <summary>
/// The Web tests run one class at a time: each class starts four in-process applications, and starting many hosts
/// at once only slows them all down on a two-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebTestsDefinition
{
    public const string Name = "Web";
}
