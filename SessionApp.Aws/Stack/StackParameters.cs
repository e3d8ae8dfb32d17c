using Amazon.CDK;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>The template's CloudFormation parameters that apply to the whole stack.</summary>
internal sealed class StackParameters
{
    public StackParameters(Construct scope)
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
            Description = "MemoryDB node type of the session store.",
            Default = "db.r6g.large",
            AllowedPattern = "db\\.[a-z0-9]+\\.[a-z0-9]+",
        });
    }

    public CfnParameter CertificateArn { get; }

    public CfnParameter ImageTag { get; }

    public CfnParameter MemoryDbNodeType { get; }
}
