namespace SessionApp.ServiceDefaults.Instance;

/// <summary>
/// The name this instance goes by, in the <c>X-Instance</c> response header, the health body and any page that
/// wants to show which instance answered. In order: configuration <c>Instance:Name</c>; else <c>service.instance.id</c>
/// from <c>OTEL_RESOURCE_ATTRIBUTES</c>; else the machine name, <c>:</c> and the port the server listens on.
/// </summary>
public sealed class InstanceInfo
{
    private readonly Func<string?> _resolve;
    private readonly string _fallback;
    private string? _name;

    /// <summary>An instance with a fixed name.</summary>
    /// <param name="name">The name.</param>
    public InstanceInfo(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        _resolve = () => name;
        _fallback = name;
    }

    internal InstanceInfo(Func<string?> resolve, string fallback)
    {
        _resolve = resolve;
        _fallback = fallback;
    }

    /// <summary>
    /// The instance name. Resolved on first read once the server listens; read before that, it is the machine name
    /// alone and is resolved again on the next read.
    /// </summary>
    public string Name => _name ?? Resolve();

    private string Resolve()
    {
        var resolved = _resolve();
        if (resolved is null)
        {
            return _fallback;
        }

        _name = resolved;
        return resolved;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
