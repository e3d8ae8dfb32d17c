using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The settings the services read at start-up, as SSM String parameters under <see cref="AwsTopology.ParameterPath"/>
/// (ServiceDefaults maps <c>/</c> to <c>:</c>, so <c>Sessions/KeyPrefix</c> is <c>Sessions:KeyPrefix</c>). The
/// MemoryDB password is not among them: <c>MemoryDb/PasswordSecret</c> names the secret, which the services read
/// through SSM's <c>/aws/reference/secretsmanager/</c> path.
/// </summary>
internal sealed class SettingsParameters : Construct
{
    private readonly AwsTopology _topology;
    private readonly SessionStore _store;

    public SettingsParameters(Construct scope, string id, AwsTopology topology, SessionStore store, IVpc vpc)
        : base(scope, id)
    {
        _topology = topology;
        _store = store;
        var prefix = topology.Store.KeyPrefix;
        var values = new Dictionary<string, string>
        {
            [SsmNames.MemoryDbConnectionName] = topology.Store.Name,
            [SsmNames.MemoryDbEndpoint] = store.Cluster.AttrClusterEndpointAddress,
            [SsmNames.MemoryDbPort] = Token.AsString(store.Cluster.AttrClusterEndpointPort),
            [SsmNames.MemoryDbUser] = store.UserName,
            [SsmNames.MemoryDbTls] = "true",
            [SsmNames.MemoryDbPasswordSecret] = store.PasswordSecretName,
            ["Sessions/KeyPrefix"] = prefix,
            ["Sessions/IdleTimeout"] = "00:20:00",
            ["Sessions/AbsoluteTimeout"] = "08:00:00",
            ["DataProtection/RedisKey"] = MemoryDbAccessString.DataProtectionKey(prefix),
            // Forwarded headers are believed only from inside the VPC, where the ALB is.
            ["ForwardedHeaders/KnownNetworks/0"] = vpc.VpcCidrBlock,
        };
        foreach (var service in topology.Services)
        {
            foreach (var reference in service.References.Where(r => r != topology.Store.Name).Distinct())
            {
                var target = topology.Services.Single(s => s.Name == reference);
                values[$"services/{reference}/http/0"] = $"http://{reference}:{target.ContainerPort}";
            }
        }

        Names = values.Keys.Select(name => topology.ParameterPath + name).ToList();
        foreach (var (name, value) in values)
        {
            _ = new StringParameter(this, name.Replace("/", "-", StringComparison.Ordinal), new StringParameterProps
            {
                ParameterName = topology.ParameterPath + name,
                StringValue = value,
                Tier = ParameterTier.STANDARD,
            });
        }
    }

    /// <summary>The full names of every parameter, e.g. <c>/sessionapp/production/MemoryDb/Endpoint</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Lets <paramref name="grantee"/> read the parameters under the app's path, the secret through SSM's reference
    /// path, and the secret itself (with <c>kms:Decrypt</c> on its key through Secrets Manager only).
    /// </summary>
    public void GrantRead(IGrantable grantee)
    {
        var stack = Amazon.CDK.Stack.Of(this);
        var path = _topology.ParameterPath.TrimEnd('/');
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadAppSettings",
            Actions = new[] { "ssm:GetParametersByPath", "ssm:GetParameters", "ssm:GetParameter" },
            Resources = new[]
            {
                stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = path.TrimStart('/') }),
                stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = path.TrimStart('/') + "/*" }),
            },
        }));
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadPasswordThroughSsm",
            Actions = new[] { "ssm:GetParameter" },
            Resources = new[]
            {
                stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = "aws/reference/secretsmanager/" + _store.PasswordSecretName }),
            },
        }));
        _store.Password.GrantRead(grantee);
    }
}
