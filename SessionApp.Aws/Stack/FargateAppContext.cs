using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using SessionApp.Aws.Stack.Operations;

namespace SessionApp.Aws.Stack;

/// <summary>
/// What every <see cref="FargateApp"/> shares: the network, the ECS cluster, the image tag, the grant to read the app's
/// settings, the operations foundation (log key, metrics log group), the collector image and the trace sample ratio.
/// </summary>
internal sealed record FargateAppContext(
    IVpc Vpc,
    ICluster Cluster,
    string ImageTag,
    Action<IGrantable> GrantSettings,
    OperationsFoundation Operations,
    string CollectorImage,
    string TraceSampleRatio);
