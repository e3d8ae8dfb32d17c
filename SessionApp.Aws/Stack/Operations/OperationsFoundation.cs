using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;
using CdkAws = Amazon.CDK.Aws;

namespace SessionApp.Aws.Stack.Operations;

/// <summary>
/// What the operations half of the stack shares before any service exists: the KMS key that encrypts every log group
/// and the alarm topic, the log group the collectors write metrics to, and the alarm topic with its optional email
/// subscription.
/// </summary>
/// <remarks>
/// The key's policy lets CloudWatch Logs use it for this stack's log groups only (the <c>kms:EncryptionContext:
/// aws:logs:arn</c> condition AWS documents) and lets CloudWatch alarms publish to the encrypted topic. The key and the
/// log groups outlive the stack, as the logs are the record of what happened; a rolled-back first create removes them.
/// </remarks>
internal sealed class OperationsFoundation : Construct
{
    /// <summary>How long the EMF log events behind the metrics are kept: the metrics themselves live in CloudWatch for 15 months.</summary>
    public const RetentionDays MetricsLogRetention = RetentionDays.ONE_WEEK;

    private const string MetricsLogGroupSuffix = "metrics";

    public OperationsFoundation(Construct scope, string id, AwsTopology topology, StackParameters parameters)
        : base(scope, id)
    {
        Environment = topology.Environment;
        LogGroupPrefix = $"/sessionapp/{topology.Environment}/";

        Key = new Key(this, "Key", new KeyProps
        {
            Description = $"SessionApp {topology.Environment}: encrypts the log groups and the alarm topic",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });
        Key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchLogsOfThisStack",
            Principals = new IPrincipal[] { new ServicePrincipal($"logs.{CdkAws.REGION}.amazonaws.com") },
            Actions = new[] { "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*" },
            Resources = new[] { "*" },
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = $"arn:{CdkAws.PARTITION}:logs:{CdkAws.REGION}:{CdkAws.ACCOUNT_ID}:log-group:{LogGroupPrefix}*",
                },
            },
        }));
        Key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsPublishToTheEncryptedTopic",
            Principals = new IPrincipal[] { new ServicePrincipal("cloudwatch.amazonaws.com") },
            Actions = new[] { "kms:Decrypt", "kms:GenerateDataKey*" },
            Resources = new[] { "*" },
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = CdkAws.ACCOUNT_ID },
            },
        }));

        MetricsLogGroup = CreateLogGroup(this, "MetricsLogs", MetricsLogGroupSuffix, MetricsLogRetention);

        AlarmTopic = new Topic(this, "AlarmTopic", new TopicProps
        {
            TopicName = $"sessionapp-{topology.Environment}-alarms",
            DisplayName = $"SessionApp {topology.Environment} alarms",
            MasterKey = Key,
            EnforceSSL = true,
        });
        AlarmTopic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsOfThisAccount",
            Principals = new IPrincipal[] { new ServicePrincipal("cloudwatch.amazonaws.com") },
            Actions = new[] { "sns:Publish" },
            Resources = new[] { AlarmTopic.TopicArn },
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = CdkAws.ACCOUNT_ID },
            },
        }));

        var hasEmail = new CfnCondition(this, "HasAlarmEmail", new CfnConditionProps
        {
            Expression = Fn.ConditionNot(Fn.ConditionEquals(parameters.AlarmEmail.ValueAsString, "")),
        });
        var subscription = new CfnSubscription(this, "AlarmEmail", new CfnSubscriptionProps
        {
            TopicArn = AlarmTopic.TopicArn,
            Protocol = "email",
            Endpoint = parameters.AlarmEmail.ValueAsString,
        });
        subscription.CfnOptions.Condition = hasEmail;
    }

    public string Environment { get; }

    /// <summary>Every log group of the stack is named under this prefix, which the key's policy is scoped to.</summary>
    public string LogGroupPrefix { get; }

    public Key Key { get; }

    public LogGroup MetricsLogGroup { get; }

    /// <summary>The metrics log group's name, as written (<see cref="LogGroup.LogGroupName"/> is a reference).</summary>
    public string MetricsLogGroupName => LogGroupPrefix + MetricsLogGroupSuffix;

    /// <summary>The metrics log group's ARN without the <c>:*</c> that its <c>Arn</c> attribute ends in.</summary>
    public string MetricsLogGroupArn => $"arn:{CdkAws.PARTITION}:logs:{CdkAws.REGION}:{CdkAws.ACCOUNT_ID}:log-group:{MetricsLogGroupName}";

    public Topic AlarmTopic { get; }

    /// <summary>A log group <c>/sessionapp/{environment}/{name}</c>, encrypted with <see cref="Key"/>, kept when the stack goes.</summary>
    public LogGroup CreateLogGroup(Construct scope, string id, string name, RetentionDays retention)
    {
        var logGroup = new LogGroup(scope, id, new LogGroupProps
        {
            LogGroupName = LogGroupPrefix + name,
            Retention = retention,
            EncryptionKey = Key,
            // Kept when the stack goes (the record of what happened), deleted when the create that made it is rolled
            // back, so a failed first deployment can be run again under the same name.
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });
        return logGroup;
    }
}
