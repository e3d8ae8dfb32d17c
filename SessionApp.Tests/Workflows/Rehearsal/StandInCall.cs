using System.Text.Json;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// One call of a stand-in (<c>aws</c>, <c>npx</c>, <c>dotnet</c>), as it appended it to the call log: its arguments, where
/// it ran, the variables the rehearsal checks, its exit code (null: handed to the real tool), and what it made of it.
/// </summary>
internal sealed record StandInCall(string Tool, IReadOnlyList<string> Arguments, string WorkingDirectory, int? ExitCode, string Message)
{
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The stand-in's own findings (npx: the stack, app, template and outputs file; aws: the repository and tag).</summary>
    public JsonElement Extra { get; init; }

    public string CommandLine => $"{Tool} {string.Join(' ', Arguments)}";

    public string ExtraText(string name) =>
        Extra.ValueKind == JsonValueKind.Object && Extra.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;

    public static IReadOnlyList<StandInCall> ReadAll(string log) =>
        File.Exists(log) ? [.. File.ReadAllLines(log).Where(l => l.Length > 0).Select(Parse)] : [];

    private static StandInCall Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new StandInCall(
            root.GetProperty("tool").GetString()!,
            [.. root.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!)],
            root.GetProperty("cwd").GetString()!,
            root.GetProperty("exit").ValueKind == JsonValueKind.Number ? root.GetProperty("exit").GetInt32() : null,
            root.GetProperty("message").GetString() ?? string.Empty)
        {
            Environment = root.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()),
            Extra = root.GetProperty("extra").Clone(),
        };
    }
}
