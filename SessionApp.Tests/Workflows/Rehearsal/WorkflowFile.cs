using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// A GitHub Actions workflow read with YamlDotNet, and the strict reading the rehearsal needs: a key it does not know
/// fails with <see cref="WorkflowRehearsalException"/> rather than being passed over.
/// </summary>
internal sealed class WorkflowFile
{
    private static readonly string[] WorkflowKeys = ["name", "run-name", "on", "permissions", "concurrency", "env", "defaults", "jobs"];

    private WorkflowFile(string name, YamlMappingNode root)
    {
        Name = name;
        Root = root;
        Expect(root, name, WorkflowKeys);
    }

    /// <summary>The file's name, for messages.</summary>
    public string Name { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Jobs => Mapping(Root, "jobs") ?? throw new WorkflowRehearsalException($"{Name} has no jobs.");

    /// <summary>The triggers under <c>on:</c> (a name, a list of names or a mapping), each with its settings or null.</summary>
    public IReadOnlyDictionary<string, YamlNode?> Triggers => Get(Root, "on") switch
    {
        YamlScalarNode single => new Dictionary<string, YamlNode?> { [single.Value!] = null },
        YamlSequenceNode list => list.Children.ToDictionary(c => Text(c)!, _ => (YamlNode?)null),
        YamlMappingNode map => map.Children.ToDictionary(c => Text(c.Key)!, c => c.Value is YamlScalarNode { Value: null or "" } ? null : c.Value),
        _ => throw new WorkflowRehearsalException($"{Name} has no 'on:'."),
    };

    public static WorkflowFile Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static WorkflowFile Parse(string yaml, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? new WorkflowFile(name, root)
            : throw new WorkflowRehearsalException($"{name} is not one YAML mapping.");
    }

    public YamlMappingNode Job(string id) =>
        Mapping(Jobs, id) ?? throw new WorkflowRehearsalException($"{Name} has no job '{id}'.");

    /// <summary>The node under a key, or null.</summary>
    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar's text (null for an absent key or an empty value); a list or mapping there fails.</summary>
    public static string? Text(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new WorkflowRehearsalException($"Expected a single value at line {node.Start.Line}, found a {node.NodeType}."),
    };

    public static string? Text(YamlMappingNode mapping, string key) => Text(Get(mapping, key));

    public static YamlMappingNode? Mapping(YamlMappingNode mapping, string key) => Get(mapping, key) switch
    {
        null => null,
        YamlMappingNode child => child,
        YamlScalarNode { Value: null or "" } => null,
        var other => throw new WorkflowRehearsalException($"Expected a mapping under '{key}' at line {other.Start.Line}."),
    };

    /// <summary>A mapping of names to single values (<c>env:</c>, <c>with:</c>), in the file's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(YamlMappingNode mapping, string key) =>
        Mapping(mapping, key)?.Children.Select(c => KeyValuePair.Create(Text(c.Key)!, Text(c.Value) ?? string.Empty)).ToList() ?? [];

    /// <summary>A list of strings, written as one string or as a sequence (<c>needs: test</c>, <c>branches: [main]</c>).</summary>
    public static IReadOnlyList<string> List(YamlMappingNode mapping, string key) => Get(mapping, key) switch
    {
        null => [],
        YamlSequenceNode sequence => [.. sequence.Children.Select(c => Text(c)!)],
        var single => [Text(single)!],
    };

    /// <summary>Fails when <paramref name="mapping"/> has a key not in <paramref name="known"/>.</summary>
    public static void Expect(YamlMappingNode mapping, string where, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var unknown = mapping.Children.Keys.Select(k => Text(k)!).Where(k => !known.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new WorkflowRehearsalException($"The rehearsal does not know '{string.Join("', '", unknown)}' in {where} (it knows {string.Join(", ", known)}).");
        }
    }
}
