using Amazon.KeyManagementService;
using Amazon.Runtime;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>Real AWS SDK KMS clients pointed at a test endpoint, with throwaway credentials and no retries.</summary>
internal static class KmsClients
{
    public static IAmazonKeyManagementService For(Uri endpoint) => new AmazonKeyManagementServiceClient(
        new BasicAWSCredentials("AKIDTEST", "test-secret"),
        new AmazonKeyManagementServiceConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(5),
        });
}
