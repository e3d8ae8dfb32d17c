namespace SessionApp.AppHost.Model;

/// <summary>Fluent access to one declared resource, as Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
/// <typeparam name="T">The kind of resource.</typeparam>
public sealed class ResourceBuilder<T>
    where T : Resource
{
    internal ResourceBuilder(T resource) => Resource = resource;

    public T Resource { get; }

    /// <summary>Declares that this resource needs <paramref name="source"/>: it starts after it and receives its address.</summary>
    public ResourceBuilder<T> WithReference<TSource>(ResourceBuilder<TSource> source)
        where TSource : Resource
    {
        ArgumentNullException.ThrowIfNull(source);
        Resource.AddReference(source.Resource);
        return this;
    }

    /// <summary>Sets the HTTP path that answers 200 when an instance is ready (default <c>/health</c> for projects).</summary>
    public ResourceBuilder<T> WithHttpHealthCheck(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"Health path '{path}' must start with '/'.", nameof(path));
        }

        Resource.HealthPath = path;
        return this;
    }
}
