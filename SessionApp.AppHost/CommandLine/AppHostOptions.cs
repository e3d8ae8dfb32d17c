using System.Reflection;

namespace SessionApp.AppHost.CommandLine;

/// <summary>How the AppHost runs the topology. Set from the command line or, in tests, directly.</summary>
public sealed class AppHostOptions
{
    /// <summary>Replicas of each project resource. Default 2.</summary>
    public int Replicas { get; set; } = 2;

    /// <summary>The gateway's loopback port. Default 0: a free port.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The resources view's loopback port. Default 0: a free port.</summary>
    public int DashboardPort { get; set; }

    /// <summary>Which server plays Redis. Default <see cref="StoreKind.Auto"/>.</summary>
    public StoreKind Store { get; set; } = StoreKind.Auto;

    /// <summary>Skip <c>dotnet build</c> of the projects because they are built already. Default false.</summary>
    public bool NoBuild { get; set; }

    /// <summary>The folder that holds <c>.apphost/</c> (Redis data). Default: the current directory.</summary>
    public string WorkingDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>The folder project paths are relative to. Default: the AppHost project folder, recorded at build time.</summary>
    public string ProjectRoot { get; set; } = Metadata("AppHostProjectDirectory") ?? AppContext.BaseDirectory;

    /// <summary>The build configuration whose outputs run. Default: the AppHost's own (Debug or Release).</summary>
    public string Configuration { get; set; } = Metadata("AppHostConfiguration") ?? "Debug";

    /// <summary>The environment name given to services. Default <c>Development</c>.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>How long a resource may take to become healthy at start. Default 60 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where prefixed output lines go. Default: standard output.</summary>
    public Action<string> Output { get; set; } = Console.WriteLine;

    /// <summary>Print the usage and start nothing.</summary>
    public bool ShowHelp { get; set; }

    /// <summary>Every problem with these options, each naming its setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Replicas is < 1 or > 16)
        {
            errors.Add($"--replicas must be between 1 and 16 (was {Replicas}).");
        }

        if (GatewayPort is < 0 or > 65535)
        {
            errors.Add($"--port must be between 0 and 65535 (was {GatewayPort}).");
        }

        if (DashboardPort is < 0 or > 65535)
        {
            errors.Add($"--dashboard-port must be between 0 and 65535 (was {DashboardPort}).");
        }

        if (!Enum.IsDefined(Store))
        {
            errors.Add($"--store must be redis or garnet (was {Store}).");
        }

        if (!Directory.Exists(ProjectRoot))
        {
            errors.Add($"ProjectRoot '{ProjectRoot}' does not exist.");
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            errors.Add($"StartTimeout must be positive (was {StartTimeout}).");
        }

        if (string.IsNullOrWhiteSpace(Configuration))
        {
            errors.Add("Configuration must not be empty.");
        }

        return errors;
    }

    private static string? Metadata(string key) =>
        typeof(AppHostOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
