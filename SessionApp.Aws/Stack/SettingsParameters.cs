using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SSM;
using Constructs;
using SessionApp.ServiceDefaults.Configuration;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The settings the services read at start-up, as SSM String parameters under <see cref="AwsTopology.ParameterPath"/>
/// (ServiceDefaults maps <c>/</c> to <c>:</c>, so <c>Sessions/KeyPrefix</c> is <c>Sessions:KeyPrefix</c>). The
/// secrets are not among them: <c>MemoryDb/PasswordSecret</c>, <c>Sessions/UserHashKeySecret</c> and
/// <c>Authentication/Oidc/ClientSecretSecret</c> name the Secrets Manager secrets, which the services read through SSM's
/// <c>/aws/reference/secretsmanager/</c> path.
/// </summary>
internal sealed class SettingsParameters : Construct
{
    private readonly AwsTopology _topology;
    private readonly SessionStore _store;
    private readonly UserHashKeySecret _userHashKey;
    private readonly CognitoSignIn _signIn;

    public SettingsParameters(Construct scope, string id, AwsTopology topology, SessionStore store, UserHashKeySecret userHashKey, DataProtectionKey dataProtection, CognitoSignIn signIn, IVpc vpc)
        : base(scope, id)
    {
        _topology = topology;
        _store = store;
        _userHashKey = userHashKey;
        _signIn = signIn;
        var prefix = topology.Store.KeyPrefix;
        var values = new Dictionary<string, string>
        {
            [SsmNames.MemoryDbConnectionName] = topology.Store.Name,
            [SsmNames.MemoryDbEndpoint] = store.Cluster.AttrClusterEndpointAddress,
            // The port the cluster is created with: an SSM value is a string, and the endpoint's port attribute a number.
            [SsmNames.MemoryDbPort] = SessionStore.Port.ToString(CultureInfo.InvariantCulture),
            [SsmNames.MemoryDbUser] = store.UserName,
            [SsmNames.MemoryDbTls] = "true",
            [SsmNames.MemoryDbPasswordSecret] = store.PasswordSecretName,
            ["Sessions/KeyPrefix"] = prefix,
            ["Sessions/IdleTimeout"] = "00:20:00",
            ["Sessions/AbsoluteTimeout"] = "08:00:00",
            [SsmNames.SessionsUserHashKeySecret] = userHashKey.SecretName,
            ["DataProtection/RedisKey"] = MemoryDbAccessString.DataProtectionKey(prefix),
            // Every key of the ring is stored as this KMS key's ciphertext (the task role may encrypt and decrypt
            // with it under the key ring's encryption context only).
            [SsmNames.DataProtectionKmsKeyId] = dataProtection.Key.KeyArn,
            // Forwarded headers are believed only from inside the VPC, where the ALB is.
            ["ForwardedHeaders/KnownNetworks/0"] = vpc.VpcCidrBlock,
            // Sign-in with Cognito (ServiceDefaults' OidcSignInOptions); the client secret only by its secret's name.
            [SsmNames.AuthenticationOidcAuthority] = signIn.Authority,
            [SsmNames.AuthenticationOidcClientId] = signIn.Client.AttrClientId,
            [SsmNames.AuthenticationOidcClientSecretSecret] = signIn.ClientSecretName,
            [SsmNames.AuthenticationOidcProvider] = "Cognito",
            [SsmNames.AuthenticationOidcCognitoDomain] = signIn.DomainUrl,
            [SsmNames.AuthenticationOidcRoleClaim] = CognitoSignIn.RoleClaim,
            [SsmNames.AuthenticationOidcScope] = string.Join(' ', CognitoSignIn.Scopes),
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
            var parameter = new StringParameter(this, name.Replace("/", "-", StringComparison.Ordinal), new StringParameterProps
            {
                ParameterName = topology.ParameterPath + name,
                StringValue = value,
                Tier = ParameterTier.STANDARD,
            });
            if (name == SsmNames.AuthenticationOidcCognitoDomain)
            {
                // The domain's URL is composed, not read from the domain: it is worth reading once the domain exists.
                parameter.Node.AddDependency(signIn.Domain);
            }
        }
    }

    /// <summary>The full names of every parameter, e.g. <c>/sessionapp/production/MemoryDb/Endpoint</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Lets <paramref name="grantee"/> read the parameters under the app's path, the three secrets (the MemoryDB password,
    /// the user hash key and the OpenID Connect client secret) through SSM's reference path, and those secrets themselves
    /// (with <c>kms:Decrypt</c> on their key through Secrets Manager only); no other secret.
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
            Sid = "ReadSecretsThroughSsm",
            Actions = new[] { "ssm:GetParameter" },
            Resources = new[] { _store.PasswordSecretName, _userHashKey.SecretName, _signIn.ClientSecretName }
                .Select(name => stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = "aws/reference/secretsmanager/" + name }))
                .ToArray(),
        }));
        _store.Password.GrantRead(grantee);
        _userHashKey.Secret.GrantRead(grantee);
        _signIn.ClientSecret.GrantRead(grantee);
    }
}
