namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// <c>aws-actions/configure-aws-credentials</c>: no OIDC token and no STS; notes the role and region it was given and
/// exports, as the real action does, AWS_REGION, AWS_DEFAULT_REGION and credentials, here obviously fake ones.
/// </summary>
internal sealed class AwsCredentialsEmulator : IActionEmulator
{
    /// <summary>The account the rehearsal pretends the role is in.</summary>
    public const string AccountId = "123456789012";

    public string Action => "aws-actions/configure-aws-credentials";

    public IReadOnlyCollection<string> Inputs { get; } = ["role-to-assume", "aws-region", "role-session-name", "mask-aws-account-id"];

    public Task<string?> RunAsync(ActionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var role = call.Input("role-to-assume");
        var region = call.Input("aws-region");
        call.Record.Notes["role-to-assume"] = role;
        call.Record.Notes["aws-region"] = region;
        if (role.Length == 0 || region.Length == 0)
        {
            return Task.FromResult<string?>($"role-to-assume ('{role}') and aws-region ('{region}') are both needed: the environment's variables are missing.");
        }

        call.Exported["AWS_REGION"] = region;
        call.Exported["AWS_DEFAULT_REGION"] = region;
        call.Exported["AWS_ACCESS_KEY_ID"] = "ASIAREHEARSALNOTREAL0";
        call.Exported["AWS_SECRET_ACCESS_KEY"] = "rehearsal-fake-secret-access-key";
        call.Exported["AWS_SESSION_TOKEN"] = "rehearsal-fake-session-token";
        call.Outputs["aws-account-id"] = AccountId;
        return Task.FromResult<string?>(null);
    }
}
