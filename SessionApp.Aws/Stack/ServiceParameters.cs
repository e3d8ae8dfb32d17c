using Amazon.CDK;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>The template's parameters of one service: its image repository, task CPU and task memory.</summary>
internal sealed class ServiceParameters
{
    /// <summary>Fargate task CPU units the parameter accepts.</summary>
    public static readonly string[] CpuUnits = ["256", "512", "1024", "2048", "4096"];

    /// <summary>
    /// The repository a service's image is pushed to: <c>sessionapp-{service}</c>, the project's
    /// <c>ContainerRepository</c>, which <c>scripts/publish-images.sh</c> (the deploy workflow) pushes to.
    /// </summary>
    public static string DefaultImageRepository(string serviceName) => $"sessionapp-{serviceName}";

    public ServiceParameters(Construct scope, AwsService service)
    {
        var id = LogicalName.Of(service.Name);
        ImageRepository = new CfnParameter(scope, id + "ImageRepository", new CfnParameterProps
        {
            Type = "String",
            Description = $"Name of the ECR repository holding the '{service.Name}' image (in the stack's account and region).",
            Default = DefaultImageRepository(service.Name),
        });
        Cpu = new CfnParameter(scope, id + "Cpu", new CfnParameterProps
        {
            Type = "Number",
            Description = $"Fargate task CPU units of '{service.Name}' (256 = 0.25 vCPU).",
            Default = 512,
            AllowedValues = CpuUnits,
        });
        Memory = new CfnParameter(scope, id + "Memory", new CfnParameterProps
        {
            Type = "Number",
            Description = $"Fargate task memory of '{service.Name}' in MiB; must suit the CPU (512 CPU: 1024–4096).",
            Default = 1024,
            MinValue = 512,
            MaxValue = 30720,
        });
    }

    public CfnParameter ImageRepository { get; }

    public CfnParameter Cpu { get; }

    public CfnParameter Memory { get; }
}
