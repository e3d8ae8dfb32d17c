namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>What a refresh at the provider came to.</summary>
/// <param name="Outcome">Refreshed, refused by the provider (the grant is no longer good: sign the user out), or the provider could not be asked.</param>
/// <param name="Tokens">The new tokens when refreshed.</param>
/// <param name="Error">The provider's error code (e.g. <c>invalid_grant</c>) or what went wrong, for the log.</param>
public sealed record ProviderRefresh(ProviderRefreshOutcome Outcome, ProviderTokens? Tokens = null, string? Error = null);

/// <summary>The outcome of a refresh (<see cref="ProviderRefresh"/>).</summary>
public enum ProviderRefreshOutcome
{
    /// <summary>New tokens.</summary>
    Refreshed,

    /// <summary>The provider refused the refresh token (revoked, expired, the user disabled): the sign-in is over.</summary>
    Refused,

    /// <summary>The provider did not answer usefully (network, 5xx): try again later.</summary>
    Unavailable,
}
