using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>The contract on Garnet, the embedded server the AppHost falls back to when redis-server is absent.</summary>
public sealed class GarnetSessionContractTests(GarnetFixture garnet) : SessionContractTests, IClassFixture<GarnetFixture>
{
    protected override string Redis => garnet.ConnectionString;
}
