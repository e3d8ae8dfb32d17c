using System.Globalization;

namespace SessionApp.AppHost.CommandLine;

/// <summary>Parses <c>run [--replicas N] [--port P] [--store redis|garnet] [--no-build] [--help]</c>.</summary>
public static class AppHostCommandLine
{
    public const string Usage = """
        Usage: SessionApp.AppHost [run] [options]

        Runs the SessionApp topology locally: Redis 'sessions', project replicas 'api' and 'web',
        and the gateway 'gateway' (the local stand-in for the AWS load balancer).

        Options:
          --replicas N            replicas of each project (1-16, default 2)
          --port P                gateway port on 127.0.0.1 (default: a free port)
          --dashboard-port P      resources view port on 127.0.0.1 (default: a free port)
          --store redis|garnet    redis-server from PATH, or embedded Garnet (default: redis-server if present)
          --no-build              run the projects' existing build outputs without 'dotnet build'
          -h, --help              show this help

        Stop with Ctrl-C; every process it started is stopped.
        """;

    /// <summary>Reads <paramref name="args"/> into options; problems are returned, each naming the argument.</summary>
    public static (AppHostOptions Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new AppHostOptions();
        var errors = new List<string>();
        var start = args.Count > 0 && args[0] == "run" ? 1 : 0;
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    options.ShowHelp = true;
                    break;
                case "--no-build":
                    options.NoBuild = true;
                    break;
                case "--replicas":
                    options.Replicas = ReadInt(args, ref i, errors) ?? options.Replicas;
                    break;
                case "--port":
                    options.GatewayPort = ReadInt(args, ref i, errors) ?? options.GatewayPort;
                    break;
                case "--dashboard-port":
                    options.DashboardPort = ReadInt(args, ref i, errors) ?? options.DashboardPort;
                    break;
                case "--store":
                    options.Store = ReadStore(args, ref i, errors);
                    break;
                default:
                    errors.Add($"Unknown argument '{arg}'. Try --help.");
                    break;
            }
        }

        if (!options.ShowHelp)
        {
            errors.AddRange(options.Validate());
        }

        return (options, errors);
    }

    private static string? ReadValue(IReadOnlyList<string> args, ref int i, List<string> errors)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            errors.Add($"{args[i]} needs a value.");
            return null;
        }

        return args[++i];
    }

    private static int? ReadInt(IReadOnlyList<string> args, ref int i, List<string> errors)
    {
        var name = args[i];
        var value = ReadValue(args, ref i, errors);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add($"{name} must be a whole number (was '{value}').");
            return null;
        }

        return number;
    }

    private static StoreKind ReadStore(IReadOnlyList<string> args, ref int i, List<string> errors)
    {
        var value = ReadValue(args, ref i, errors);
        switch (value)
        {
            case null:
                return StoreKind.Auto;
            case "redis":
                return StoreKind.Redis;
            case "garnet":
                return StoreKind.Garnet;
            default:
                errors.Add($"--store must be redis or garnet (was '{value}').");
                return StoreKind.Auto;
        }
    }
}
