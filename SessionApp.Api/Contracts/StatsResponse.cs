namespace SessionApp.Api.Contracts;

/// <summary>GET /api/admin/sessions/stats: signed-in users and their sessions across every instance.</summary>
public sealed record StatsResponse(long Users, long Sessions, string Instance);
