namespace SessionApp.AppHost.Model;

/// <summary>
/// One named part of the system: the unit the AppHost starts, the gateway routes to and a publisher
/// (a later AWS CDK stack) reads. The name is also the connection name a service reads
/// (<c>sessions</c> ↔ <c>ConnectionStrings:sessions</c>, <c>api</c> ↔ <c>services:api:http:0</c>).
/// </summary>
public abstract class Resource
{
    private readonly List<Resource> _references = [];

    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || !char.IsAsciiLetterLower(name[0]))
        {
            throw new ArgumentException($"Resource name '{name}' must be lowercase letters, digits and '-', starting with a letter.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The lowercase name, unique in the application.</summary>
    public string Name { get; }

    /// <summary>The resources this one needs, which start (and become healthy) before it.</summary>
    public IReadOnlyList<Resource> References => _references;

    /// <summary>How many instances run side by side; each has its own port and process.</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>The HTTP path that answers 200 when an instance is ready, or null when the resource is probed otherwise.</summary>
    public string? HealthPath { get; internal set; }

    internal void AddReference(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (ReferenceEquals(resource, this))
        {
            throw new ArgumentException($"Resource '{Name}' cannot reference itself.", nameof(resource));
        }

        if (!_references.Contains(resource))
        {
            _references.Add(resource);
        }
    }
}
