namespace SessionApp.Api.Users;

/// <summary>Builds the <see cref="UserStore"/> as the host starts, so passwords are hashed (and dropped) before the first request.</summary>
internal sealed class UserStoreInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<UserStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
