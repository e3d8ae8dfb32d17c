namespace SessionApp.AppHost.Model;

/// <summary>Settings only a project resource has.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>Runs <paramref name="replicas"/> instances side by side (1 to 16), each its own process on its own port.</summary>
    public static ResourceBuilder<ProjectResource> WithReplicas(this ResourceBuilder<ProjectResource> project, int replicas)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, 16);
        project.Resource.Replicas = replicas;
        return project;
    }
}
