namespace SessionApp.Aws.Stack;

/// <summary>
/// How big an environment is by default. Each setting but <see cref="NatGateways"/> and
/// <see cref="CognitoDeletionProtection"/> is the default of a template
/// parameter, so a team overrides it on a deploy (<c>--parameters MemoryDbNodeType=…</c>) without touching code, and
/// the CDK CLI keeps an overridden value on later deploys that do not pass it.
/// </summary>
/// <param name="Name">The preset's name, printed in the publish summary.</param>
/// <param name="MemoryDbNodeType">MemoryDB node type (parameter <c>MemoryDbNodeType</c>).</param>
/// <param name="MemoryDbShards">MemoryDB shards (parameter <c>MemoryDbShards</c>).</param>
/// <param name="MemoryDbReplicasPerShard">Replicas per shard (parameter <c>MemoryDbReplicasPerShard</c>).</param>
/// <param name="MinTasks">The fewest tasks of each service (parameter <c>{Service}MinTasks</c>; never below the model's replicas).</param>
/// <param name="MaxTasks">The most tasks autoscaling starts for each service (parameter <c>{Service}MaxTasks</c>).</param>
/// <param name="TaskCpu">Fargate CPU units of each task (parameter <c>{Service}Cpu</c>).</param>
/// <param name="TaskMemoryMiB">Fargate memory of each task (parameter <c>{Service}Memory</c>).</param>
/// <param name="NatGateways">NAT gateways of the VPC: one per zone keeps egress up when a zone fails; one costs less.</param>
/// <param name="CognitoMfa">Cognito MFA, <c>OFF</c>, <c>OPTIONAL</c> or <c>ON</c> (parameter <c>CognitoMfa</c>; TOTP only).</param>
/// <param name="CognitoThreatProtection">
/// Cognito threat protection, <c>OFF</c>, <c>AUDIT</c> or <c>ENFORCED</c> (parameter <c>CognitoThreatProtection</c>);
/// anything but <c>OFF</c> puts the user pool on the Plus feature plan.
/// </param>
/// <param name="TraceSampleRatio">The share of requests traced to X-Ray (parameter <c>TraceSampleRatio</c>).</param>
/// <param name="CognitoDeletionProtection">Whether the user pool refuses to be deleted (not a parameter: a deletion must be meant).</param>
internal sealed record EnvironmentPreset(
    string Name,
    string MemoryDbNodeType,
    int MemoryDbShards,
    int MemoryDbReplicasPerShard,
    int MinTasks,
    int MaxTasks,
    int TaskCpu,
    int TaskMemoryMiB,
    int NatGateways,
    string CognitoMfa,
    string CognitoThreatProtection,
    double TraceSampleRatio,
    bool CognitoDeletionProtection)
{
    /// <summary>The environment that gets <see cref="Production"/>; every other one gets <see cref="Small"/>.</summary>
    public const string ProductionEnvironment = "production";

    /// <summary>
    /// The seed architecture's size: 2 shards × 1 replica of <c>db.r6g.large</c>, 2–10 tasks of 0.5 vCPU and 1 GiB per
    /// service, a NAT gateway per zone; Cognito with optional TOTP MFA, threat protection enforced (the Plus feature
    /// plan: AWS asks for optional MFA with adaptive authentication, which then challenges a risky sign-in for the
    /// second factor a user set up) and deletion protection; one request in ten traced to X-Ray.
    /// </summary>
    public static EnvironmentPreset Production { get; } = new("production", "db.r6g.large", 2, 1, 2, 10, 512, 1024, 2, "OPTIONAL", "ENFORCED", 0.1, true);

    /// <summary>
    /// Staging and any other environment: one shard of the smallest MemoryDB node type (<c>db.t4g.small</c>; TLS and
    /// ACLs are cluster features MemoryDB has on every node type) with one replica, so a failover can still be
    /// rehearsed; 2–4 tasks of 0.25 vCPU and 512 MiB per service (two, because the point of the system is several
    /// instances behind a load balancer, and the smoke test checks it); one NAT gateway; Cognito with optional TOTP MFA as
    /// in production but no threat protection (the Essentials feature plan, whose free tier covers a test
    /// environment's few users, and which every region offers) and no deletion protection; every request traced.
    /// </summary>
    public static EnvironmentPreset Small { get; } = new("small", "db.t4g.small", 1, 1, 2, 4, 256, 512, 1, "OPTIONAL", "OFF", 1.0, false);

    /// <summary>The preset of an environment: <see cref="Production"/> for <c>production</c>, <see cref="Small"/> otherwise.</summary>
    public static EnvironmentPreset For(string environment) =>
        environment == ProductionEnvironment ? Production : Small;
}
