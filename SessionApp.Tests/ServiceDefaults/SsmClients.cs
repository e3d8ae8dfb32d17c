using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>Real AWS SDK SSM clients pointed at a test endpoint, with throwaway credentials and no retries.</summary>
internal static class SsmClients
{
    public static IAmazonSimpleSystemsManagement For(Uri endpoint) => new AmazonSimpleSystemsManagementClient(
        new BasicAWSCredentials("AKIDTEST", "test-secret"),
        new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(5),
        });
}
