using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>Real AWS SDK clients pointed at a test endpoint, with throwaway credentials and no retries.</summary>
internal static class AwsClients
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDTEST", "test-secret");

    public static IAmazonSimpleSystemsManagement Ssm(Uri endpoint) =>
        new AmazonSimpleSystemsManagementClient(Credentials, For(new AmazonSimpleSystemsManagementConfig(), endpoint));

    public static IAmazonKeyManagementService Kms(Uri endpoint) =>
        new AmazonKeyManagementServiceClient(Credentials, For(new AmazonKeyManagementServiceConfig(), endpoint));

    private static T For<T>(T config, Uri endpoint)
        where T : ClientConfig
    {
        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = "us-east-1";
        config.MaxErrorRetry = 0;
        config.Timeout = TimeSpan.FromSeconds(5);
        return config;
    }
}
