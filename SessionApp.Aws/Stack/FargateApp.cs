using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;
using HealthCheck = Amazon.CDK.AWS.ECS.HealthCheck;

namespace SessionApp.Aws.Stack;

/// <summary>
/// One <see cref="AwsService"/> as an ECS Fargate service in the private subnets: its own security group, task role,
/// execution role (which pulls only its ECR repository and writes only its log group), log group with retention,
/// container health check and load balancer health check both on the liveness path, deployment circuit breaker with
/// rollback and CPU autoscaling between two template parameters.
/// </summary>
/// <remarks>
/// <para>
/// Liveness, not readiness, decides a task's fate. ECS replaces a task whose container health check fails and one its
/// target group calls unhealthy. The readiness path (<c>/health</c>) includes the shared store: during a MemoryDB
/// failover it fails on every task at once, and ECS would restart the whole fleet for a blip the tasks already answer
/// with 503 and Retry-After. So the container and the target group probe <c>/alive</c> (the process serves), as the
/// Amazon Builders' Library advises for load balancer checks (local health only, never a dependency the whole fleet
/// shares); readiness stays for people: the Aspire dashboard locally, the store alarms in AWS.
/// </para>
/// <para>
/// No desired count is written: autoscaling owns it. CloudFormation creates the service with one task, registering the
/// scalable target raises it to the minimum, and later stack updates leave the count autoscaling chose alone (a desired
/// count in the template pulled a scaled-out service back on every deployment).
/// </para>
/// </remarks>
internal sealed class FargateApp : Construct
{
    public const int TargetCpuPercent = 70;
    public const RetentionDays LogRetention = RetentionDays.ONE_MONTH;
    public const string PortName = "http";

    public FargateApp(Construct scope, AwsTopology topology, AwsService service, EnvironmentPreset preset, FargateAppContext context)
        : base(scope, LogicalName.Of(service.Name))
    {
        Model = service;
        Parameters = new ServiceParameters(scope, service, preset);
        var parameters = Parameters;

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = context.Vpc,
            Description = Ec2Description.Of($"{service.Name} tasks: port {service.ContainerPort} from the load balancer and the services that reference it"),
            AllowAllOutbound = true,
        });

        var logGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/sessionapp/{topology.Environment}/{service.Name}",
            Retention = LogRetention,
            // Kept when the stack goes (the record of what happened), deleted when the create that made it is rolled
            // back, so a failed first deployment can be run again under the same name.
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });

        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"'{service.Name}' tasks: read the app's SSM path and its one secret",
        });
        context.GrantSettings(TaskRole);

        var taskDefinition = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = parameters.Cpu.ValueAsNumber,
            MemoryLimitMiB = parameters.Memory.ValueAsNumber,
            TaskRole = TaskRole,
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });

        var repository = Repository.FromRepositoryName(this, "Repository", parameters.ImageRepository.ValueAsString);
        Container = taskDefinition.AddContainer("app", new ContainerDefinitionOptions
        {
            ContainerName = service.Name,
            Image = ContainerImage.FromEcrRepository(repository, context.ImageTag),
            Essential = true,
            PortMappings = new IPortMapping[]
            {
                new PortMapping { Name = PortName, ContainerPort = service.ContainerPort, AppProtocol = AppProtocol.Http },
            },
            Environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_HTTP_PORTS"] = service.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["OTEL_SERVICE_NAME"] = service.Name,
                // Everything else comes from SSM Parameter Store under this path (ServiceDefaults' SSM provider).
                ["Ssm__Path"] = topology.ParameterPath,
            },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = service.Name }),
            HealthCheck = new HealthCheck
            {
                // The .NET runtime images carry bash but neither curl nor wget: one HTTP/1.0 GET over /dev/tcp.
                Command = new[]
                {
                    "CMD-SHELL",
                    $"bash -c 'exec 3<>/dev/tcp/127.0.0.1/{service.ContainerPort} && printf \"GET {service.LivenessPath} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n\" >&3 && head -1 <&3 | grep -q \" 200 \"' || exit 1",
                },
                Interval = Duration.Seconds(15),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(30),
            },
        });

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = context.Cluster,
            ServiceName = service.Name,
            TaskDefinition = taskDefinition,
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            AssignPublicIp = false,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = new ISecurityGroup[] { SecurityGroup },
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            HealthCheckGracePeriod = Duration.Seconds(60),
            // Service Connect: a service that references this one reaches it as http://{name}:{port}.
            ServiceConnectConfiguration = new ServiceConnectProps
            {
                Services = new IServiceConnectService[]
                {
                    new ServiceConnectService { PortMappingName = PortName, DnsName = service.Name, Port = service.ContainerPort },
                },
            },
        });

        var scaling = Service.AutoScaleTaskCount(new EnableScalingProps
        {
            MinCapacity = parameters.MinTaskCount.ValueAsNumber,
            MaxCapacity = parameters.MaxTaskCount.ValueAsNumber,
        });
        scaling.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = TargetCpuPercent });
    }

    public AwsService Model { get; }

    public ServiceParameters Parameters { get; }

    public SecurityGroup SecurityGroup { get; }

    public Role TaskRole { get; }

    public ContainerDefinition Container { get; }

    public FargateService Service { get; }

    /// <summary>A target group of this service's tasks for the load balancer, probed on the liveness path, without stickiness.</summary>
    public ApplicationTargetGroup CreateTargetGroup(IVpc vpc)
    {
        var group = new ApplicationTargetGroup(this, "Targets", new ApplicationTargetGroupProps
        {
            Vpc = vpc,
            Port = Model.ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.IP,
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = Model.LivenessPath,
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                Timeout = Duration.Seconds(5),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
            },
            Targets = new IApplicationLoadBalancerTarget[]
            {
                Service.LoadBalancerTarget(new LoadBalancerTargetOptions { ContainerName = Model.Name, ContainerPort = Model.ContainerPort }),
            },
        });
        group.SetAttribute("stickiness.enabled", "false");
        return group;
    }
}
