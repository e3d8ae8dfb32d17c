using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.ServiceDiscovery;
using Constructs;
using SessionApp.Aws.Stack.Operations;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The whole of SessionApp in one CloudFormation stack, built from an <see cref="AwsTopology"/>: a VPC (public and
/// private subnets in two zones), the MemoryDB session store, one Fargate service per <see cref="AwsService"/>, the
/// internet-facing ALB with the topology's routes, sign-in with Amazon Cognito, the settings in SSM Parameter Store, and
/// the operations half: a collector beside every task, encrypted logs, the ALB's access logs, a dashboard and alarms.
/// </summary>
internal sealed class SessionAppStack : Amazon.CDK.Stack
{
    public SessionAppStack(Construct scope, string id, AwsTopology topology, IStackProps? props = null)
        : base(scope, id, props)
    {
        TopologyValidator.Validate(topology);
        Topology = topology;
        Preset = EnvironmentPreset.For(topology.Environment);
        var parameters = new StackParameters(this, Preset);

        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = Preset.NatGateways,
            SubnetConfiguration = new ISubnetConfiguration[]
            {
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
            },
        });

        var key = new Key(this, "Key", new KeyProps
        {
            Description = $"SessionApp {topology.Environment}: encrypts the MemoryDB user's password, the user hash key and the Cognito client secret in Secrets Manager",
            EnableKeyRotation = true,
            // The secrets it encrypts are kept when the stack goes; without it they could not be read.
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });

        Store = new SessionStore(this, "Sessions", topology, Vpc, parameters, key);
        UserHashKey = new UserHashKeySecret(this, "UserHashKey", topology, key);
        DataProtection = new DataProtectionKey(this, "DataProtection", topology);
        SignIn = new CognitoSignIn(this, "SignIn", topology, Preset, parameters, key);
        Settings = new SettingsParameters(this, "Settings", topology, Store, UserHashKey, DataProtection, SignIn, Vpc);

        Operations = new OperationsFoundation(this, "Operations", topology, parameters);

        // Container Insights: running and desired task counts per service, which the running-below-desired alarms read.
        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = Vpc, ContainerInsights = true });
        cluster.AddDefaultCloudMapNamespace(new CloudMapNamespaceOptions
        {
            Name = $"sessionapp-{topology.Environment}.internal",
            Type = NamespaceType.HTTP,
            UseForServiceConnect = true,
        });

        var context = new FargateAppContext(
            Vpc,
            cluster,
            parameters.ImageTag.ValueAsString,
            grantee =>
            {
                Settings.GrantRead(grantee);
                DataProtection.GrantKeyRingProtection(grantee);
            },
            Operations,
            parameters.CollectorImage.ValueAsString,
            parameters.TraceSampleRatio.ValueAsString);
        Apps = topology.Services.Select(service => new FargateApp(this, topology, service, Preset, context)).ToList();
        Connect();

        LoadBalancer = CreateLoadBalancer(parameters);
        AccessLogs = new LoadBalancerAccessLogs(this, "AccessLogs", LoadBalancer);
        Monitoring = new Monitoring(this, "Monitoring", topology, Operations, cluster.ClusterName, Store.Cluster.ClusterName, Apps, LoadBalancer, TargetGroups);

        _ = new CfnOutput(this, "LoadBalancerDnsName", new CfnOutputProps { Value = LoadBalancer.LoadBalancerDnsName, Description = "Point the certificate's DNS name here (CNAME or alias)." });
        _ = new CfnOutput(this, "MemoryDbEndpoint", new CfnOutputProps { Value = Store.Cluster.AttrClusterEndpointAddress });
        _ = new CfnOutput(this, "AlarmTopic", new CfnOutputProps { Value = Operations.AlarmTopic.TopicArn, Description = "Every alarm notifies this SNS topic: subscribe the on-call's endpoints to it." });
        _ = new CfnOutput(this, "Dashboard", new CfnOutputProps { Value = $"https://console.aws.amazon.com/cloudwatch/home?region={Amazon.CDK.Aws.REGION}#dashboards:name={Monitoring.DashboardName}" });
        _ = new CfnOutput(this, "ParameterPath", new CfnOutputProps { Value = topology.ParameterPath });
        _ = new CfnOutput(this, "EcsCluster", new CfnOutputProps { Value = cluster.ClusterName });
        _ = new CfnOutput(this, "CognitoUserPoolId", new CfnOutputProps { Value = SignIn.UserPool.Ref, Description = "The user pool: add users here, administrators to the admin group." });
        _ = new CfnOutput(this, "CognitoClientId", new CfnOutputProps { Value = SignIn.Client.AttrClientId });
        _ = new CfnOutput(this, "CognitoDomain", new CfnOutputProps { Value = SignIn.DomainUrl, Description = "The hosted UI's domain." });
        _ = new CfnOutput(this, "SmokeTestUser", new CfnOutputProps { Value = CognitoSignIn.SmokeTestUserName, Description = "The deploy workflow's smoke-test user (in no group)." });
        _ = new CfnOutput(this, "SmokeTestPasswordSecret", new CfnOutputProps { Value = SignIn.SmokeTestPasswordSecretName, Description = "Its password, set anew by every deploy run." });
    }

    public AwsTopology Topology { get; }

    /// <summary>The sizes this environment's parameters default to.</summary>
    public EnvironmentPreset Preset { get; }

    public Vpc Vpc { get; }

    public SessionStore Store { get; }

    public UserHashKeySecret UserHashKey { get; }

    public DataProtectionKey DataProtection { get; }

    public CognitoSignIn SignIn { get; }

    public SettingsParameters Settings { get; }

    public IReadOnlyList<FargateApp> Apps { get; }

    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>The target group of each service the load balancer routes to, by service name.</summary>
    public IReadOnlyDictionary<string, ApplicationTargetGroup> TargetGroups { get; private set; } = new Dictionary<string, ApplicationTargetGroup>();

    public OperationsFoundation Operations { get; }

    public LoadBalancerAccessLogs AccessLogs { get; }

    public Monitoring Monitoring { get; }

    /// <summary>Opens exactly the paths the references ask for: MemoryDB's port to the services that reference the store, a service's port to the services that reference it.</summary>
    private void Connect()
    {
        foreach (var app in Apps)
        {
            foreach (var reference in app.Model.References)
            {
                if (reference == Topology.Store.Name)
                {
                    Store.AllowFrom(app.SecurityGroup, app.Model.Name);
                    continue;
                }

                var target = Apps.Single(a => a.Model.Name == reference);
                target.SecurityGroup.AddIngressRule(app.SecurityGroup, Port.Tcp(target.Model.ContainerPort), Ec2Description.Of($"{reference} from the {app.Model.Name} tasks"));
            }
        }
    }

    private ApplicationLoadBalancer CreateLoadBalancer(StackParameters parameters)
    {
        var securityGroup = new SecurityGroup(this, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = Ec2Description.Of("The ALB: HTTPS and HTTP (redirected) from anywhere"),
            AllowAllOutbound = false,
        });
        securityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(443), Ec2Description.Of("HTTPS from anywhere"));
        securityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(80), Ec2Description.Of("HTTP from anywhere, redirected to HTTPS"));

        var loadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = Vpc,
            InternetFacing = true,
            SecurityGroup = securityGroup,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
        });

        var targetGroups = Topology.Routes.Select(static r => r.Service).Distinct()
            .ToDictionary(name => name, name => Apps.Single(a => a.Model.Name == name).CreateTargetGroup(Vpc));
        TargetGroups = targetGroups;

        var https = loadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Protocol = ApplicationProtocol.HTTPS,
            Open = false,
            SslPolicy = SslPolicy.RECOMMENDED_TLS,
            Certificates = new IListenerCertificate[] { ListenerCertificate.FromArn(parameters.CertificateArn.ValueAsString) },
            DefaultAction = ListenerAction.Forward(new IApplicationTargetGroup[] { targetGroups[Topology.DefaultRoute.Service] }),
        });

        var priority = 0;
        foreach (var route in Topology.Routes.Where(static r => !r.IsDefault))
        {
            priority += 10;
            _ = new ApplicationListenerRule(this, $"Route{priority}", new ApplicationListenerRuleProps
            {
                Listener = https,
                Priority = priority,
                Conditions = new[] { ListenerCondition.PathPatterns(new[] { route.PathPattern }) },
                Action = ListenerAction.Forward(new IApplicationTargetGroup[] { targetGroups[route.Service] }),
            });
        }

        loadBalancer.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = 80,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
            DefaultAction = ListenerAction.Redirect(new RedirectOptions { Protocol = "HTTPS", Port = "443", Permanent = true }),
        });

        return loadBalancer;
    }
}
