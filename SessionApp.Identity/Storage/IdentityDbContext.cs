using Microsoft.EntityFrameworkCore;

namespace SessionApp.Identity.Storage;

/// <summary>OpenIddict's applications, authorizations, scopes and tokens (registered with <c>UseOpenIddict()</c>).</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options);
