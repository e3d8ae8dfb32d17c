namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks the project that is the local OpenID Connect provider (SessionApp.Identity). Locally it runs like any other
/// project; the AWS publish step publishes no service for it: the stack's Amazon Cognito user pool takes its place.
/// </summary>
public sealed class IdentityProviderAnnotation : IResourceAnnotation;
