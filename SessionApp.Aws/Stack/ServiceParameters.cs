using System.Globalization;
using Amazon.CDK;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The template's parameters of one service: its image repository, task CPU and memory, and the range autoscaling
/// keeps its task count in. The sizes default to the environment's preset; the fewest tasks never to fewer than the
/// model's replicas.
/// </summary>
internal sealed class ServiceParameters
{
    /// <summary>Fargate task CPU units the parameter accepts.</summary>
    public static readonly string[] CpuUnits = ["256", "512", "1024", "2048", "4096"];

    /// <summary>
    /// The repository a service's image is pushed to: <c>sessionapp-{service}</c>, the project's
    /// <c>ContainerRepository</c>, which <c>scripts/publish-images.sh</c> (the deploy workflow) pushes to.
    /// </summary>
    public static string DefaultImageRepository(string serviceName) => $"sessionapp-{serviceName}";

    public ServiceParameters(Construct scope, AwsService service, EnvironmentPreset preset)
    {
        var id = LogicalName.Of(service.Name);
        MinTasks = Math.Max(service.Replicas, preset.MinTasks);
        MaxTasks = Math.Max(preset.MaxTasks, MinTasks);
        ImageRepository = new CfnParameter(scope, id + "ImageRepository", new CfnParameterProps
        {
            Type = "String",
            Description = $"Name of the ECR repository holding the '{service.Name}' image (in the stack's account and region).",
            Default = DefaultImageRepository(service.Name),
        });
        Cpu = new CfnParameter(scope, id + "Cpu", new CfnParameterProps
        {
            Type = "Number",
            Description = $"Fargate task CPU units of '{service.Name}' (256 = 0.25 vCPU; {preset.Name} preset: {preset.TaskCpu}).",
            // A Number parameter's AllowedValues are strings; its default must be one of them.
            Default = preset.TaskCpu.ToString(CultureInfo.InvariantCulture),
            AllowedValues = CpuUnits,
        });
        Memory = new CfnParameter(scope, id + "Memory", new CfnParameterProps
        {
            Type = "Number",
            Description = $"Fargate task memory of '{service.Name}' in MiB; must suit the CPU (256 CPU: 512-2048, 512 CPU: 1024-4096; {preset.Name} preset: {preset.TaskMemoryMiB}).",
            Default = preset.TaskMemoryMiB,
            MinValue = 512,
            MaxValue = 30720,
        });
        MinTaskCount = new CfnParameter(scope, id + "MinTasks", new CfnParameterProps
        {
            Type = "Number",
            Description = $"The fewest '{service.Name}' tasks autoscaling keeps running ({preset.Name} preset: {MinTasks}); fewer than 2 is no longer several instances behind the load balancer.",
            Default = MinTasks,
            MinValue = 1,
        });
        MaxTaskCount = new CfnParameter(scope, id + "MaxTasks", new CfnParameterProps
        {
            Type = "Number",
            Description = $"The most '{service.Name}' tasks autoscaling starts ({preset.Name} preset: {MaxTasks}); at least {id}MinTasks.",
            Default = MaxTasks,
            MinValue = 1,
        });
    }

    /// <summary>The default of <see cref="MinTaskCount"/>.</summary>
    public int MinTasks { get; }

    /// <summary>The default of <see cref="MaxTaskCount"/>.</summary>
    public int MaxTasks { get; }

    public CfnParameter ImageRepository { get; }

    public CfnParameter Cpu { get; }

    public CfnParameter Memory { get; }

    public CfnParameter MinTaskCount { get; }

    public CfnParameter MaxTaskCount { get; }
}
