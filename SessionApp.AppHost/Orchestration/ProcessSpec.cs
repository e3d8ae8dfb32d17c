namespace SessionApp.AppHost.Orchestration;

/// <summary>What to run for one replica: executable, arguments, folder and environment.</summary>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
