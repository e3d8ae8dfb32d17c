using Amazon.CDK;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>The template's CloudFormation parameters that apply to the whole stack; the sizes default to the environment's preset.</summary>
internal sealed class StackParameters
{
    public StackParameters(Construct scope, EnvironmentPreset preset)
    {
        CertificateArn = new CfnParameter(scope, "CertificateArn", new CfnParameterProps
        {
            Type = "String",
            Description = "ARN of the ACM certificate the ALB's HTTPS listener presents (in the stack's region).",
            AllowedPattern = "arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+",
            ConstraintDescription = "must be an ACM certificate ARN",
        });
        ImageTag = new CfnParameter(scope, "ImageTag", new CfnParameterProps
        {
            Type = "String",
            Description = "The image tag every service runs (CI pushes the images under this tag, then deploys).",
            Default = "latest",
        });
        MemoryDbNodeType = new CfnParameter(scope, "MemoryDbNodeType", new CfnParameterProps
        {
            Type = "String",
            Description = $"MemoryDB node type of the session store ({preset.Name} preset: {preset.MemoryDbNodeType}).",
            Default = preset.MemoryDbNodeType,
            AllowedPattern = "db\\.[a-z0-9]+\\.[a-z0-9]+",
        });
        MemoryDbShards = new CfnParameter(scope, "MemoryDbShards", new CfnParameterProps
        {
            Type = "Number",
            Description = $"MemoryDB shards of the session store ({preset.Name} preset: {preset.MemoryDbShards}); changed online.",
            Default = preset.MemoryDbShards,
            MinValue = 1,
            MaxValue = 500,
        });
        MemoryDbReplicasPerShard = new CfnParameter(scope, "MemoryDbReplicasPerShard", new CfnParameterProps
        {
            Type = "Number",
            Description = $"Replicas of each MemoryDB shard ({preset.Name} preset: {preset.MemoryDbReplicasPerShard}); 0 leaves a shard without failover.",
            Default = preset.MemoryDbReplicasPerShard,
            MinValue = 0,
            MaxValue = 5,
        });
    }

    public CfnParameter CertificateArn { get; }

    public CfnParameter ImageTag { get; }

    public CfnParameter MemoryDbNodeType { get; }

    public CfnParameter MemoryDbShards { get; }

    public CfnParameter MemoryDbReplicasPerShard { get; }
}
