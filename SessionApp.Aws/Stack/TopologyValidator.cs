namespace SessionApp.Aws.Stack;

/// <summary>Refuses a topology the stack cannot express, with every problem in one message.</summary>
internal static class TopologyValidator
{
    /// <summary>A Cognito prefix domain is at most 63 characters: <c>sessionapp-{environment}-</c> and a 12-digit account id.</summary>
    public const int MaxEnvironmentLength = 63 - 24;

    /// <summary>Words a Cognito prefix domain may not contain.</summary>
    private static readonly string[] ReservedInCognitoDomains = ["aws", "amazon", "cognito"];

    public static void Validate(AwsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(topology.Environment) || !topology.Environment.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add($"Environment '{topology.Environment}' must be lower-case letters, digits and hyphens (it names AWS resources).");
        }
        else if (topology.Environment.Length > MaxEnvironmentLength || ReservedInCognitoDomains.Any(topology.Environment.Contains))
        {
            errors.Add($"Environment '{topology.Environment}' must be at most {MaxEnvironmentLength} characters and contain none of {string.Join(", ", ReservedInCognitoDomains)} (it names the Cognito domain sessionapp-{{environment}}-{{account}}).");
        }

        if (topology.Services.Count == 0)
        {
            errors.Add("The topology has no services.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { topology.Store.Name };
        foreach (var service in topology.Services)
        {
            if (!names.Add(service.Name))
            {
                errors.Add($"Resource name '{service.Name}' is used twice.");
            }

            if (service.Replicas < 1)
            {
                errors.Add($"Service '{service.Name}' has {service.Replicas} replicas; at least 1 is needed.");
            }

            if (!service.LivenessPath.StartsWith('/'))
            {
                errors.Add($"Service '{service.Name}': the liveness path must start with '/'.");
            }
        }

        foreach (var service in topology.Services)
        {
            errors.AddRange(service.References.Where(r => !names.Contains(r))
                .Select(r => $"Service '{service.Name}' references '{r}', which is neither the store nor a service."));
        }

        errors.AddRange(topology.Routes.Where(r => topology.Services.All(s => s.Name != r.Service))
            .Select(static r => $"Route '{r.PathPattern}' targets '{r.Service}', which is not a service."));
        var defaults = topology.Routes.Count(static r => r.IsDefault);
        if (defaults != 1)
        {
            errors.Add($"The routes need exactly one '{AwsRoute.CatchAll}' route (the default action); there are {defaults}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The topology cannot be published to AWS: " + string.Join(" ", errors), nameof(topology));
        }
    }
}
