using Amazon.CDK;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>The template's CloudFormation parameters that apply to the whole stack; the sizes default to the environment's preset.</summary>
internal sealed class StackParameters
{
    /// <summary>
    /// What <c>SiteUrl</c> accepts: <c>https://</c> and a lower-case DNS name of at least two labels, nothing after it
    /// (no port, path or trailing slash: the callback URLs are this and a path, compared by Cognito character for
    /// character with the <c>redirect_uri</c> ASP.NET Core builds from the request's host). deploy.yml checks
    /// <c>APP_URL</c> against the same pattern.
    /// </summary>
    public const string SiteUrlPattern = "https://([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?";

    /// <summary>The values <c>CognitoMfa</c> accepts: Cognito's <c>MfaConfiguration</c>.</summary>
    public static readonly string[] CognitoMfaValues = ["OFF", "OPTIONAL", "ON"];

    /// <summary>The values <c>CognitoThreatProtection</c> accepts: Cognito's <c>AdvancedSecurityMode</c>.</summary>
    public static readonly string[] CognitoThreatProtectionValues = ["OFF", "AUDIT", "ENFORCED"];

    /// <summary>
    /// The collector image every task runs beside its service: the AWS Distro for OpenTelemetry collector at a fixed
    /// version. A new version is a deliberate parameter change, never a surprise at a task's restart.
    /// </summary>
    public const string DefaultCollectorImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3";

    /// <summary>What <c>CollectorImage</c> accepts: a repository with a version tag or a digest, never <c>latest</c> or no tag.</summary>
    public const string CollectorImagePattern = "[a-z0-9./_-]+(:v?[0-9][A-Za-z0-9._-]*|@sha256:[a-f0-9]{64})";

    /// <summary>What <c>AlarmEmail</c> accepts: nothing (no subscription) or one address.</summary>
    public const string AlarmEmailPattern = "|[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    public StackParameters(Construct scope, EnvironmentPreset preset)
    {
        CertificateArn = new CfnParameter(scope, "CertificateArn", new CfnParameterProps
        {
            Type = "String",
            Description = "ARN of the ACM certificate the ALB's HTTPS listener presents (in the stack's region).",
            AllowedPattern = "arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+",
            ConstraintDescription = "must be an ACM certificate ARN",
        });
        SiteUrl = new CfnParameter(scope, "SiteUrl", new CfnParameterProps
        {
            Type = "String",
            Description = "https:// and the site's name that the certificate covers, without a trailing slash (e.g. https://www.example.com): Cognito sends users back to {SiteUrl}/signin-oidc and {SiteUrl}/signout-callback-oidc only.",
            AllowedPattern = SiteUrlPattern,
            ConstraintDescription = "must be https:// and a lower-case host name, with no port, path or trailing slash",
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
        CognitoMfa = new CfnParameter(scope, "CognitoMfa", new CfnParameterProps
        {
            Type = "String",
            Description = $"Multi-factor sign-in with an authenticator app (TOTP; no SMS) in the Cognito user pool: OFF, OPTIONAL (users may set it up; threat protection challenges risky sign-ins for it) or ON (every user, at every sign-in) ({preset.Name} preset: {preset.CognitoMfa}).",
            Default = preset.CognitoMfa,
            AllowedValues = CognitoMfaValues,
        });
        CognitoThreatProtection = new CfnParameter(scope, "CognitoThreatProtection", new CfnParameterProps
        {
            Type = "String",
            Description = $"Cognito threat protection: OFF, AUDIT (logs risks) or ENFORCED (acts on them); AUDIT and ENFORCED put the user pool on the Plus feature plan, which costs more per monthly active user and is not offered in every region: set OFF there ({preset.Name} preset: {preset.CognitoThreatProtection}).",
            Default = preset.CognitoThreatProtection,
            AllowedValues = CognitoThreatProtectionValues,
        });
        CollectorImage = new CfnParameter(scope, "CollectorImage", new CfnParameterProps
        {
            Type = "String",
            Description = "The OpenTelemetry collector image beside every task (AWS Distro for OpenTelemetry), pinned: a version tag or an @sha256 digest.",
            Default = DefaultCollectorImage,
            AllowedPattern = CollectorImagePattern,
            ConstraintDescription = "must name a version tag (…:v0.43.3) or a digest (…@sha256:…), not latest",
        });
        AlarmEmail = new CfnParameter(scope, "AlarmEmail", new CfnParameterProps
        {
            Type = "String",
            Description = "An email address the alarm topic sends every alarm to (AWS asks the address to confirm first); empty for none (subscribe other endpoints to the AlarmTopic output).",
            Default = "",
            AllowedPattern = AlarmEmailPattern,
            ConstraintDescription = "must be empty or one email address",
        });
        TraceSampleRatio = new CfnParameter(scope, "TraceSampleRatio", new CfnParameterProps
        {
            Type = "Number",
            Description = $"The share of requests that start a trace sent to X-Ray, 0 to 1 (a request that arrives with a sampled trace is traced whatever this is) ({preset.Name} preset: {preset.TraceSampleRatio.ToString(System.Globalization.CultureInfo.InvariantCulture)}).",
            Default = preset.TraceSampleRatio,
            MinValue = 0,
            MaxValue = 1,
        });
    }

    public CfnParameter CertificateArn { get; }

    public CfnParameter CollectorImage { get; }

    public CfnParameter AlarmEmail { get; }

    public CfnParameter TraceSampleRatio { get; }

    public CfnParameter SiteUrl { get; }

    public CfnParameter ImageTag { get; }

    public CfnParameter MemoryDbNodeType { get; }

    public CfnParameter MemoryDbShards { get; }

    public CfnParameter MemoryDbReplicasPerShard { get; }

    public CfnParameter CognitoMfa { get; }

    public CfnParameter CognitoThreatProtection { get; }
}
