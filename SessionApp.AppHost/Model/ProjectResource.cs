namespace SessionApp.AppHost.Model;

/// <summary>A .NET project run as <c>dotnet &lt;built dll&gt;</c>, one process per replica.</summary>
public sealed class ProjectResource : Resource
{
    internal ProjectResource(string name, string projectPath)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ProjectPath = projectPath;
        HealthPath = "/health";
    }

    /// <summary>The project folder, relative to the AppHost project folder (as in Aspire's <c>AddProject</c>).</summary>
    public string ProjectPath { get; }
}
