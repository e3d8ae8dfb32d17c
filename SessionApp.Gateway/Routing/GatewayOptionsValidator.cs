using Microsoft.Extensions.Options;

namespace SessionApp.Gateway.Routing;

/// <summary>Stops start-up on a body limit that is not positive, naming the setting.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        options.MaxRequestBodyBytes > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.MaxRequestBodyBytes)} ({options.MaxRequestBodyBytes}) must be greater than 0.");
}
