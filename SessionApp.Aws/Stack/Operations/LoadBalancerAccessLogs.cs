using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using CdkAws = Amazon.CDK.Aws;
using CdkRegionInfo = Amazon.CDK.RegionInfo.RegionInfo;

namespace SessionApp.Aws.Stack.Operations;

/// <summary>
/// The load balancer's access logs: an S3 bucket with no public access, TLS-only, encrypted with S3-managed keys (the
/// only encryption ALB log delivery supports), whose objects expire after <see cref="RetentionDays"/> days; and the
/// load balancer writing to it.
/// </summary>
/// <remarks>
/// Who may write depends on the region, as AWS documents: the log delivery service principal in regions opened since
/// August 2022, Elastic Load Balancing's own account of the region in the older ones. The stack is region-agnostic
/// (CDK's own <c>logAccessLogs</c> needs the region when it synthesizes), so the template carries the older regions'
/// accounts in a mapping and grants the account only in those regions, the service principal everywhere.
/// </remarks>
internal sealed class LoadBalancerAccessLogs : Construct
{
    /// <summary>Days an access log object is kept.</summary>
    public const int RetentionDays = 90;

    /// <summary>The key prefix of the log objects.</summary>
    public const string Prefix = "alb";

    public LoadBalancerAccessLogs(Construct scope, string id, ApplicationLoadBalancer loadBalancer)
        : base(scope, id)
    {
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            LifecycleRules = new ILifecycleRule[]
            {
                new LifecycleRule
                {
                    Id = "ExpireAccessLogs",
                    Expiration = Duration.Days(RetentionDays),
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                },
            },
            // The record of who asked for what: kept when the stack goes, removed with a rolled-back first create.
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });

        var objects = Bucket.ArnForObjects($"{Prefix}/AWSLogs/{CdkAws.ACCOUNT_ID}/*");
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "LogDeliveryWritesAccessLogs",
            Principals = new IPrincipal[] { new ServicePrincipal("logdelivery.elasticloadbalancing.amazonaws.com") },
            Actions = new[] { "s3:PutObject" },
            Resources = new[] { objects },
        }));

        var legacyAccounts = CdkRegionInfo.Regions
            .Where(static r => !string.IsNullOrEmpty(r.Elbv2Account))
            .OrderBy(static r => r.Name, StringComparer.Ordinal)
            .ToDictionary(static r => r.Name, static r => r.Elbv2Account!);
        var mapping = new CfnMapping(this, "ElbAccounts", new CfnMappingProps
        {
            Mapping = legacyAccounts.ToDictionary(static p => p.Key, static p => (IDictionary<string, object>)new Dictionary<string, object> { ["Account"] = p.Value }),
        });
        var legacyRegion = new CfnCondition(this, "RegionWithElbAccount", new CfnConditionProps
        {
            Expression = AnyOf(legacyAccounts.Keys.Select(static region => Fn.ConditionEquals(CdkAws.REGION, region)).ToList()),
        });
        var writer = Fn.ConditionIf(legacyRegion.LogicalId, mapping.FindInMap(CdkAws.REGION, "Account"), CdkAws.ACCOUNT_ID);
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            // In a region opened since August 2022 the condition is false and this names the stack's own account,
            // which owns the bucket already: the statement then grants nothing new.
            Sid = "ElbAccountWritesAccessLogs",
            Principals = new IPrincipal[] { new AccountPrincipal(writer.ToString()) },
            Actions = new[] { "s3:PutObject" },
            Resources = new[] { objects },
        }));

        loadBalancer.SetAttribute("access_logs.s3.enabled", "true");
        loadBalancer.SetAttribute("access_logs.s3.bucket", Bucket.BucketName);
        loadBalancer.SetAttribute("access_logs.s3.prefix", Prefix);
        // Elastic Load Balancing checks that it may write when logging is switched on: the policy must be there first.
        loadBalancer.Node.AddDependency(Bucket.Policy!);
    }

    public Bucket Bucket { get; }

    /// <summary>An <c>Fn::Or</c> of any number of conditions (it takes 2 to 10), nested in tens.</summary>
    private static ICfnConditionExpression AnyOf(IReadOnlyList<ICfnConditionExpression> conditions)
    {
        if (conditions.Count == 1)
        {
            return conditions[0];
        }

        if (conditions.Count <= 10)
        {
            return Fn.ConditionOr(conditions.ToArray());
        }

        var groups = conditions.Chunk(10).Select(static chunk => AnyOf(chunk)).ToList();
        return AnyOf(groups);
    }
}
