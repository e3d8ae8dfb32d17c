namespace SessionApp.AppHost.Orchestration;

/// <summary>Asks one replica whether it is ready.</summary>
internal interface IHealthProbe
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
