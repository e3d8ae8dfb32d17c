namespace SessionApp.Identity.Hosting;

/// <summary>The guard that keeps the local OpenID Connect provider out of every environment but Development.</summary>
public static class DevelopmentOnly
{
    /// <summary>Throws unless <paramref name="environment"/> is Development, saying what this project is and what AWS uses instead.</summary>
    public static void Require(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"SessionApp.Identity is the local stand-in OpenID Connect provider and runs only in the Development environment (this one is '{environment.EnvironmentName}'). " +
                "In AWS, SessionApp signs users in with Amazon Cognito; this project is never deployed.");
        }
    }
}
