namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// GitHub's masking of a job's log: a step that prints <c>::add-mask::VALUE</c> registers VALUE for the rest of the job;
/// the runner consumes that line (the log does not show it) and shows every later occurrence of a registered value as
/// <c>***</c>. A line printed before the value was registered is shown as it was.
/// </summary>
internal sealed class LogMasks
{
    private const string Command = "::add-mask::";
    private readonly List<string> _values = [];

    /// <summary>The values registered so far, in order.</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    /// <summary>One line a step printed, as the log shows it: null for an <c>::add-mask::</c> command, which it registers.</summary>
    public string? Apply(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.StartsWith(Command, StringComparison.Ordinal))
        {
            var value = line[Command.Length..].Trim();
            if (value.Length > 0)
            {
                lock (_values)
                {
                    _values.Add(value);
                }
            }

            return null;
        }

        return Mask(line);
    }

    /// <summary><paramref name="text"/> with every registered value shown as <c>***</c>.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in Values.OrderByDescending(static v => v.Length))
        {
            text = text.Replace(value, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
