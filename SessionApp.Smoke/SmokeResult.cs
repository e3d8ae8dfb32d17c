namespace SessionApp.Smoke;

/// <summary>The outcome: passed or not, the one-line verdict, and what was seen.</summary>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Verdict">One line, starting with <c>SMOKE PASSED</c> or <c>SMOKE FAILED</c>.</param>
/// <param name="ApiInstances">The api instances that answered the signed-in session.</param>
/// <param name="WebInstances">The web instances that answered the signed-in session.</param>
/// <param name="Requests">How many requests the smoke test sent.</param>
public sealed record SmokeResult(
    bool Passed,
    string Verdict,
    IReadOnlyList<string> ApiInstances,
    IReadOnlyList<string> WebInstances,
    int Requests);
