namespace SessionApp.Aws;

/// <summary>What <see cref="AwsStackSynthesizer.Synthesize"/> wrote.</summary>
/// <param name="StackName">The CloudFormation stack name, e.g. <c>SessionApp-production</c>.</param>
/// <param name="OutputDirectory">The cloud assembly folder (<c>cdk deploy --app DIR</c> deploys it).</param>
/// <param name="TemplatePath">The stack's CloudFormation template.</param>
/// <param name="ParameterNames">The template's parameters, for the deploy command.</param>
/// <param name="Summary">Lines for the console: each service, the store, the routes, the SSM path.</param>
public sealed record AwsSynthesisResult(
    string StackName,
    string OutputDirectory,
    string TemplatePath,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<string> Summary);
