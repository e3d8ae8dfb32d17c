using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;

namespace SessionApp.Aws.Stack;

/// <summary>What every <see cref="FargateApp"/> shares: the network, the ECS cluster, the image tag and the grant to read the app's settings.</summary>
internal sealed record FargateAppContext(IVpc Vpc, ICluster Cluster, string ImageTag, Action<IGrantable> GrantSettings);
