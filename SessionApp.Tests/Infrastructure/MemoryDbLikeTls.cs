namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The one CA of the MemoryDB-like servers, made once per test run. StackExchange.Redis trusts it through
/// <c>SERedis_IssuerCertPath</c>, the library's own ambient setting for a private CA, because the engine and the
/// contract suite open their connections from a connection string alone (MemoryDB itself needs no such setting: its
/// certificates chain to a public CA). The variable only applies to TLS connections without a validation callback
/// of their own, which no other test makes.
/// </summary>
internal static class MemoryDbLikeTls
{
    private static readonly Lazy<MemoryDbLikeCertificates> Shared = new(() =>
    {
        var certificates = MemoryDbLikeCertificates.Create();
        Environment.SetEnvironmentVariable("SERedis_IssuerCertPath", certificates.CaCertificatePath);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => certificates.Delete();
        return certificates;
    });

    public static MemoryDbLikeCertificates Certificates => Shared.Value;
}
