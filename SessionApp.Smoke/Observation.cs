using System.Net;

namespace SessionApp.Smoke;

/// <summary>What one request to a tier showed: who answered (X-Instance), the status, and who it was signed in as.</summary>
/// <param name="Tier"><c>api</c> or <c>web</c>.</param>
/// <param name="Instance">The X-Instance header, null when absent.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="SignedInAs">The user the response was for, null when signed out.</param>
internal sealed record Observation(string Tier, string? Instance, HttpStatusCode Status, string? SignedInAs);
