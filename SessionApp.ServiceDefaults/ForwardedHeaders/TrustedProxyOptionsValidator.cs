using System.Net;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.ForwardedHeaders;

/// <summary>Reports every unparsable network or address at once, each naming its configuration key.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
