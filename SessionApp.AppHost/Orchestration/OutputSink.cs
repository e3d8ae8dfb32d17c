namespace SessionApp.AppHost.Orchestration;

/// <summary>Writes every line prefixed with the name of the replica (or <c>apphost</c>) that produced it.</summary>
internal sealed class OutputSink(Action<string> output)
{
    private readonly Lock _lock = new();

    public void Write(string source, string line)
    {
        lock (_lock)
        {
            try
            {
                output($"[{source}] {line}");
            }
            catch (InvalidOperationException)
            {
                // A test's output helper refuses lines after its test has finished.
            }
        }
    }

    public void Info(string line) => Write("apphost", line);
}
