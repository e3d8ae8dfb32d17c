using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using SessionApp.Identity.Configuration;
using SessionApp.Identity.Users;

namespace SessionApp.Identity.Storage;

/// <summary>
/// Before the server listens: creates the in-memory schema, registers each configured client in OpenIddict's
/// application store (created, or updated when it is there already) and hashes the users' passwords (building
/// <see cref="UserDirectory"/>), so no request pays for it.
/// </summary>
internal sealed class IdentityStoreInitializer(
    IServiceScopeFactory scopes,
    IOptions<IdentityProviderOptions> options,
    UserDirectory users,
    ILogger<IdentityStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await database.Database.EnsureCreatedAsync(cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in options.Value.Clients)
        {
            var descriptor = ClientDescriptors.For(client);
            var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }

            Log.ClientRegistered(logger, descriptor.ClientId!, client.RedirectUris.Count, client.PostLogoutRedirectUris.Count);
        }

        Log.UsersLoaded(logger, users.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
