using System.Net;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.ForwardedHeaders;

/// <summary>Reports every unparsable network or address and a bad limit or secret at once, each naming its configuration key.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    /// <summary>The largest <see cref="TrustedProxyOptions.ForwardLimit"/> accepted.</summary>
    public const int MaximumForwardLimit = 10;

    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                errors.Add($"{TrustedProxyOptions.SectionName}:KnownNetworks:{i} is not a network in CIDR form such as '10.0.0.0/16' (was '{options.KnownNetworks[i]}').");
            }
        }

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                errors.Add($"{TrustedProxyOptions.SectionName}:KnownProxies:{i} is not an IP address such as '10.0.1.5' (was '{options.KnownProxies[i]}').");
            }
        }

        if (options.ForwardLimit is < 1 or > MaximumForwardLimit)
        {
            errors.Add($"{TrustedProxyOptions.SectionName}:ForwardLimit must be between 1 and {MaximumForwardLimit}, the number of trusted proxies in front of the service (was {options.ForwardLimit}).");
        }

        if (options.ProxySecret is { } secret
            && (secret.Length < TrustedProxyOptions.MinimumSecretLength || secret.Any(c => c < '!' || c > '~')))
        {
            // The value itself is never repeated: it is a secret.
            errors.Add($"{TrustedProxyOptions.SectionName}:ProxySecret must be at least {TrustedProxyOptions.MinimumSecretLength} visible ASCII characters (was {secret.Length} characters).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
