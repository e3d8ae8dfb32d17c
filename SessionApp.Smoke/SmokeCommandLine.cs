using System.Globalization;

namespace SessionApp.Smoke;

/// <summary>Reads <see cref="SmokeOptions"/> from the command line and the environment.</summary>
public static class SmokeCommandLine
{
    public const string Usage = """
        Usage: SessionApp.Smoke --base-url URL [options]

        Signs in through the load balancer at URL and checks that one session is served by at least two api and two
        web instances (X-Instance), that login rotates the session id, that revoke-others and sign-out are seen by
        every instance, and that the store-down page never shows. Prints a one-line verdict; exits 0 on success,
        1 on failure, 2 on bad arguments.

          --base-url URL           the site (required)
          --user NAME              the user to sign in as (required), or SMOKE_USER
          --password PASSWORD      its password (required), or SMOKE_PASSWORD; prefer the variable: a command line
                                   is visible to other processes
          --min-instances N        distinct api and web instances each must answer (default 2)
          --max-requests N         requests one check may send looking for instances (default 40)
          --request-timeout SEC    limit for one request (default 10)
          --ready-timeout SEC      wait this long for the site to answer at all first (default 0)
        """;

    /// <summary>The options, or the errors that stop them from being read.</summary>
    public static (SmokeOptions Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new SmokeOptions();
        var errors = new List<string>();
        if (environment("SMOKE_USER") is { Length: > 0 } user)
        {
            options.UserName = user;
        }

        if (environment("SMOKE_PASSWORD") is { Length: > 0 } password)
        {
            options.Password = password;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                errors.Add($"{name} needs a value.");
                break;
            }

            var value = args[++i];
            switch (name)
            {
                case "--base-url":
                    options.BaseUrl = Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : null;
                    break;
                case "--user":
                    options.UserName = value;
                    break;
                case "--password":
                    options.Password = value;
                    break;
                case "--min-instances":
                    options.MinInstances = Number(name, value, errors);
                    break;
                case "--max-requests":
                    options.MaxRequests = Number(name, value, errors);
                    break;
                case "--request-timeout":
                    options.RequestTimeout = TimeSpan.FromSeconds(Number(name, value, errors));
                    break;
                case "--ready-timeout":
                    options.ReadyTimeout = TimeSpan.FromSeconds(Number(name, value, errors));
                    break;
                default:
                    errors.Add($"Unknown option {name}.");
                    break;
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(options.Validate());
        }

        return (options, errors);
    }

    private static int Number(string name, string value, List<string> errors)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add($"{name} must be a whole number, got '{value}'.");
        return 0;
    }
}
