using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.MemoryDB;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The session store as Amazon MemoryDB: a TLS-only cluster of 2 shards × 1 replica in the private subnets, reached
/// through one ACL whose only user has <see cref="MemoryDbAccessString.For"/>'s rights and a password generated in
/// Secrets Manager (the template holds a dynamic reference to it, never the value). Snapshots are kept.
/// </summary>
internal sealed class SessionStore : Construct
{
    public const int Port = 6379;
    public const int Shards = 2;
    public const int ReplicasPerShard = 1;
    public const int SnapshotRetentionDays = 7;

    public SessionStore(Construct scope, string id, AwsTopology topology, IVpc vpc, StackParameters parameters, IKey key)
        : base(scope, id)
    {
        var baseName = $"sessionapp-{topology.Environment}";
        UserName = $"{baseName}-app";
        PasswordSecretName = $"sessionapp/{topology.Environment}/memorydb-password";

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"MemoryDB '{topology.Store.Name}': {Port} from the tasks that reference it, nothing else",
            AllowAllOutbound = false,
        });

        Password = new Secret(this, "Password", new SecretProps
        {
            // A fixed name: the services read it as SSM's /aws/reference/secretsmanager/{name}, and the task role may read only that.
            SecretName = PasswordSecretName,
            Description = $"Password of the MemoryDB user {UserName}",
            EncryptionKey = key,
            GenerateSecretString = new SecretStringGenerator
            {
                // MemoryDB passwords: 16–128 printable characters; letters and digits also keep the connection string plain.
                PasswordLength = 40,
                ExcludePunctuation = true,
                IncludeSpace = false,
            },
        });

        var user = new CfnUser(this, "User", new CfnUserProps
        {
            UserName = UserName,
            AccessString = MemoryDbAccessString.For(topology.Store.KeyPrefix),
            // CfnUser types this property as 'any': a dictionary keeps CloudFormation's own (capitalised) key names.
            AuthenticationMode = new Dictionary<string, object>
            {
                ["Type"] = "password",
                // A {{resolve:secretsmanager:…}} dynamic reference: CloudFormation reads the secret at deploy time.
                ["Passwords"] = new[] { Password.SecretValue.UnsafeUnwrap() },
            },
        });

        var acl = new CfnACL(this, "Acl", new CfnACLProps
        {
            AclName = baseName,
            UserNames = new[] { UserName },
        });
        acl.AddDependency(user);

        var subnets = new CfnSubnetGroup(this, "Subnets", new CfnSubnetGroupProps
        {
            SubnetGroupName = baseName,
            Description = "The private subnets of the SessionApp VPC",
            SubnetIds = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).SubnetIds,
        });

        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps
        {
            ClusterName = baseName,
            Description = $"SessionApp '{topology.Store.Name}' ({topology.Environment})",
            NodeType = parameters.MemoryDbNodeType.ValueAsString,
            NumShards = Shards,
            NumReplicasPerShard = ReplicasPerShard,
            TlsEnabled = true,
            AclName = acl.AclName,
            SubnetGroupName = subnets.SubnetGroupName,
            SecurityGroupIds = new[] { SecurityGroup.SecurityGroupId },
            Port = Port,
            EngineVersion = "7.1",
            AutoMinorVersionUpgrade = true,
            SnapshotRetentionLimit = SnapshotRetentionDays,
        });
        Cluster.AddDependency(acl);
        Cluster.AddDependency(subnets);
    }

    public string UserName { get; }

    /// <summary>The secret's name, as written (CDK's <c>Secret.SecretName</c> is parsed back out of the ARN at deploy time).</summary>
    public string PasswordSecretName { get; }

    public SecurityGroup SecurityGroup { get; }

    public Secret Password { get; }

    public CfnCluster Cluster { get; }

    /// <summary>Lets <paramref name="peer"/> (a service's tasks) open connections to the cluster's port.</summary>
    public void AllowFrom(ISecurityGroup peer, string serviceName) =>
        SecurityGroup.AddIngressRule(peer, Amazon.CDK.AWS.EC2.Port.Tcp(Port), $"MemoryDB from the '{serviceName}' tasks");
}
