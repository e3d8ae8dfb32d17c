using System.Globalization;
using Amazon.CDK;
using SessionApp.Aws.Stack;
using SessionApp.Aws.Stack.Operations;

namespace SessionApp.Aws;

/// <summary>Builds the CDK app of an <see cref="AwsTopology"/> and writes its cloud assembly.</summary>
public static class AwsStackSynthesizer
{
    // The jsii runtime (one node process per .NET process) fails when two threads build constructs at once.
    private static readonly Lock Gate = new();

    /// <summary>
    /// Writes the cloud assembly of <paramref name="topology"/> to <paramref name="outputDirectory"/>: one stack,
    /// <c>SessionApp-{environment}</c>, environment-agnostic (account and region come from the deploy). Needs node
    /// (jsii runs the CDK on it) but no AWS credentials and no <c>cdk</c> CLI. Calls are serialised: jsii allows one at a time.
    /// </summary>
    /// <param name="topology">The topology to publish.</param>
    /// <param name="outputDirectory">The cloud assembly folder; created if missing.</param>
    /// <returns>The template's path and a summary for printing.</returns>
    /// <exception cref="ArgumentException">The topology cannot be expressed (the message lists every problem).</exception>
    public static AwsSynthesisResult Synthesize(AwsTopology topology, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        TopologyValidator.Validate(topology);
        Directory.CreateDirectory(outputDirectory);

        lock (Gate)
        {
            return SynthesizeLocked(topology, outputDirectory);
        }
    }

    private static AwsSynthesisResult SynthesizeLocked(AwsTopology topology, string outputDirectory)
    {
        var app = new App(new AppProps { Outdir = Path.GetFullPath(outputDirectory) });
        var stack = new SessionAppStack(app, StackName(topology), topology, new StackProps
        {
            Description = $"SessionApp ({topology.Environment}): ECS Fargate behind an ALB, MemoryDB with TLS and an ACL user, Cognito sign-in, SSM Parameter Store",
            // Production's stack cannot be deleted until someone turns this off on purpose (the CDK CLI sets it on deploy).
            TerminationProtection = topology.Environment == EnvironmentPreset.ProductionEnvironment,
        });
        var assembly = app.Synth();
        var templatePath = Path.Combine(assembly.Directory, stack.TemplateFile);

        return new AwsSynthesisResult(stack.StackName, assembly.Directory, templatePath, ParameterNames(stack), Summarize(stack));
    }

    /// <summary>The stack name of a topology: <c>SessionApp-{environment}</c>.</summary>
    /// <param name="topology">The topology.</param>
    /// <returns>The stack name.</returns>
    public static string StackName(AwsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return $"SessionApp-{topology.Environment}";
    }

    // Every parameter is created directly in the stack, so its construct id is its logical id.
    private static List<string> ParameterNames(SessionAppStack stack) =>
        stack.Node.FindAll().OfType<CfnParameter>().Select(static p => p.Node.Id).Where(static id => id != "BootstrapVersion").ToList();

    private static List<string> Summarize(SessionAppStack stack)
    {
        var topology = stack.Topology;
        var preset = stack.Preset;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"stack {stack.StackName} ({preset.Name} preset{(stack.TerminationProtection ? ", termination protection" : "")}): VPC in 2 zones, {preset.NatGateways} NAT gateway(s), ALB (HTTPS 443, HTTP 80 → HTTPS)"),
            string.Create(CultureInfo.InvariantCulture, $"store '{topology.Store.Name}' → MemoryDB {preset.MemoryDbNodeType}, {preset.MemoryDbShards} shard(s) × {preset.MemoryDbReplicasPerShard} replica, TLS, ACL user {stack.Store.UserName} (keys {topology.Store.KeyPrefix}:…)"),
        };
        lines.AddRange(stack.Apps.Select(app => string.Create(CultureInfo.InvariantCulture,
            $"service '{app.Model.Name}' → ECS Fargate, {app.Parameters.MinTasks}–{app.Parameters.MaxTasks} tasks of {preset.TaskCpu} CPU / {preset.TaskMemoryMiB} MiB (autoscaling at {FargateApp.TargetCpuPercent} % CPU), port {app.Model.ContainerPort}, load balancer and container health {app.Model.LivenessPath}")));
        lines.AddRange(topology.Routes.Select(static route => $"route {route.PathPattern} → {route.Service}"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"sign-in → Cognito user pool sessionapp-{topology.Environment} (MFA {preset.CognitoMfa}, threat protection {preset.CognitoThreatProtection}{(preset.CognitoDeletionProtection ? ", deletion protection" : "")}), hosted UI at sessionapp-{topology.Environment}-{{account}}, callback {{SiteUrl}}{CognitoSignIn.CallbackPath}"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"operations → an OpenTelemetry collector beside every task (parameter CollectorImage, default {StackParameters.DefaultCollectorImage}): traces → X-Ray ({preset.TraceSampleRatio:0.##} of requests, parameter TraceSampleRatio), metrics → CloudWatch namespace {CollectorConfiguration.Namespace}; Container Insights; log groups encrypted with the stack's key; ALB access logs → S3 ({LoadBalancerAccessLogs.RetentionDays} days)"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"dashboard {stack.Monitoring.DashboardName}; {stack.Monitoring.Alarms.Count} alarms → SNS topic sessionapp-{topology.Environment}-alarms (parameter AlarmEmail subscribes an address)"));
        lines.Add("sizes are parameters: MemoryDbNodeType, MemoryDbShards, MemoryDbReplicasPerShard, {Service}Cpu/Memory/MinTasks/MaxTasks, CognitoMfa, CognitoThreatProtection");
        lines.Add($"settings → SSM Parameter Store under {topology.ParameterPath} ({stack.Settings.Names.Count} parameters)");
        lines.Add($"secrets → Secrets Manager, generated at deploy time, named in SSM: {stack.Store.PasswordSecretName}, {stack.UserHashKey.SecretName}, {stack.SignIn.ClientSecretName}; the smoke-test user's {stack.SignIn.SmokeTestPasswordSecretName}");
        return lines;
    }
}
