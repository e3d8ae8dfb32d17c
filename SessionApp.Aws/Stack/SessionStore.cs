using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.MemoryDB;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The session store as Amazon MemoryDB: a TLS-only cluster in the private subnets (shards, replicas and node type
/// from parameters whose defaults are the environment's preset), reached through one ACL whose only user has
/// <see cref="MemoryDbAccessString.For"/>'s rights and a password generated in Secrets Manager (the template holds a
/// dynamic reference to it, never the value). Snapshots are kept. The cluster holds every session and the sign-in
/// key ring, so it and what reaching it takes (its ACL, user, subnet group and password) survive a stack deletion
/// and a replacement: CloudFormation deletes them only when the create that made them is rolled back, so a failed
/// first deployment can simply be run again (<see cref="RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE"/>).
/// </summary>
internal sealed class SessionStore : Construct
{
    public const int Port = 6379;
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
            Description = Ec2Description.Of($"MemoryDB {topology.Store.Name}: {Port} from the tasks that reference it, nothing else"),
            AllowAllOutbound = false,
        });

        Password = new Secret(this, "Password", new SecretProps
        {
            // A fixed name: the services read it as SSM's /aws/reference/secretsmanager/{name}, and the task role may read only that.
            SecretName = PasswordSecretName,
            Description = $"Password of the MemoryDB user {UserName}",
            EncryptionKey = key,
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
            GenerateSecretString = new SecretStringGenerator
            {
                // MemoryDB passwords: 16–128 printable characters; letters and digits also keep the connection string plain.
                PasswordLength = 40,
                ExcludePunctuation = true,
                IncludeSpace = false,
            },
        });

        var accessString = MemoryDbAccessString.For(topology.Store.KeyPrefix);
        var refused = MemoryDbAccessString.RefusedRules(accessString);
        if (refused.Count > 0 || !MemoryDbAccessString.IsOn(accessString))
        {
            throw new InvalidOperationException($"MemoryDB would refuse or switch off the user {UserName}: '{accessString}'. {string.Join(" ", refused)}");
        }

        var user = new CfnUser(this, "User", new CfnUserProps
        {
            UserName = UserName,
            AccessString = accessString,
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
        user.ApplyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
        acl.ApplyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

        var subnets = new CfnSubnetGroup(this, "Subnets", new CfnSubnetGroupProps
        {
            SubnetGroupName = baseName,
            Description = "The private subnets of the SessionApp VPC",
            SubnetIds = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).SubnetIds,
        });
        subnets.ApplyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps
        {
            ClusterName = baseName,
            Description = $"SessionApp '{topology.Store.Name}' ({topology.Environment})",
            NodeType = parameters.MemoryDbNodeType.ValueAsString,
            NumShards = parameters.MemoryDbShards.ValueAsNumber,
            NumReplicasPerShard = parameters.MemoryDbReplicasPerShard.ValueAsNumber,
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
        // No final snapshot: a retained cluster is never deleted by CloudFormation, and a rolled-back create holds no
        // data (a fixed snapshot name would only make the next attempt fail on it).
        Cluster.ApplyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    }

    public string UserName { get; }

    /// <summary>The secret's name, as written (CDK's <c>Secret.SecretName</c> is parsed back out of the ARN at deploy time).</summary>
    public string PasswordSecretName { get; }

    public SecurityGroup SecurityGroup { get; }

    public Secret Password { get; }

    public CfnCluster Cluster { get; }

    /// <summary>Lets <paramref name="peer"/> (a service's tasks) open connections to the cluster's port.</summary>
    public void AllowFrom(ISecurityGroup peer, string serviceName) =>
        SecurityGroup.AddIngressRule(peer, Amazon.CDK.AWS.EC2.Port.Tcp(Port), Ec2Description.Of($"MemoryDB from the {serviceName} tasks"));
}
