namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// GitHub's environment files as a step leaves them: GITHUB_OUTPUT and GITHUB_ENV hold <c>name=value</c> lines and
/// <c>name&lt;&lt;DELIMITER</c> … <c>DELIMITER</c> blocks for values of several lines.
/// </summary>
internal static class FileCommands
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        var values = new List<KeyValuePair<string, string>>();
        if (!File.Exists(path))
        {
            return values;
        }

        var lines = File.ReadAllText(path).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line[(heredoc + 2)..];
                var end = Array.FindIndex(lines, i + 1, l => l.TrimEnd('\r') == delimiter);
                if (end < 0)
                {
                    throw new WorkflowRehearsalException($"{Path.GetFileName(path)}: '{line}' has no closing '{delimiter}' (GitHub fails the step: Matching delimiter not found).");
                }

                values.Add(KeyValuePair.Create(line[..heredoc], string.Join('\n', lines[(i + 1)..end].Select(l => l.TrimEnd('\r')))));
                i = end;
            }
            else if (equals > 0)
            {
                values.Add(KeyValuePair.Create(line[..equals], line[(equals + 1)..]));
            }
            else
            {
                throw new WorkflowRehearsalException($"{Path.GetFileName(path)}: '{line}' is neither name=value nor name<<DELIMITER (GitHub fails the step: Invalid format).");
            }
        }

        return values;
    }
}
