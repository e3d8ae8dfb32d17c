namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// <c>aws-actions/amazon-ecr-login</c>: its <c>registry</c> output is the loopback registry that stands in for the
/// account's ECR registry (which needs no login); like the real action, it needs the credentials exported before it.
/// </summary>
internal sealed class EcrLoginEmulator : IActionEmulator
{
    public string Action => "aws-actions/amazon-ecr-login";

    public IReadOnlyCollection<string> Inputs { get; } = [];

    public Task<string?> RunAsync(ActionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!call.Environment.ContainsKey("AWS_ACCESS_KEY_ID") || !call.Environment.ContainsKey("AWS_REGION"))
        {
            return Task.FromResult<string?>("Could not load credentials from any providers (no configure-aws-credentials before the ECR login).");
        }

        call.Outputs["registry"] = call.Setup.RegistryHost;
        call.Record.Notes["registry"] = call.Setup.RegistryHost;
        return Task.FromResult<string?>(null);
    }
}
