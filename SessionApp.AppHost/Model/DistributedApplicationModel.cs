namespace SessionApp.AppHost.Model;

/// <summary>
/// The whole system as data: the resources, their references, replicas and health paths.
/// The local orchestrator runs it; a publisher (AWS CDK) can read the same description.
/// </summary>
public sealed class DistributedApplicationModel
{
    internal DistributedApplicationModel(IReadOnlyList<Resource> resources) => Resources = resources;

    /// <summary>The resources in declaration order.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The resource called <paramref name="name"/>.</summary>
    public Resource Find(string name) =>
        Resources.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"No resource is called '{name}'. Known: {string.Join(", ", Resources.Select(r => r.Name))}.", nameof(name));

    /// <summary>The resources ordered so that every resource comes after the ones it references.</summary>
    public IReadOnlyList<Resource> InStartOrder()
    {
        var ordered = new List<Resource>();
        var visiting = new HashSet<Resource>();
        foreach (var resource in Resources)
        {
            Visit(resource, ordered, visiting);
        }

        return ordered;
    }

    private static void Visit(Resource resource, List<Resource> ordered, HashSet<Resource> visiting)
    {
        if (ordered.Contains(resource))
        {
            return;
        }

        if (!visiting.Add(resource))
        {
            throw new InvalidOperationException($"Resource '{resource.Name}' is part of a reference cycle.");
        }

        foreach (var reference in resource.References)
        {
            Visit(reference, ordered, visiting);
        }

        visiting.Remove(resource);
        ordered.Add(resource);
    }
}
