using System.Globalization;

namespace SessionApp.Benchmarks.Serving;

/// <summary>The arguments of the <c>serve</c> role.</summary>
internal sealed record ServeOptions(BenchmarkVariant Variant, bool Encrypt, string Redis, int Port)
{
    /// <summary>The engine's Sessions:DurableWrites (<c>--durable off|identity|all</c>); off unless given.</summary>
    public SessionApp.Sessions.Configuration.DurableWrites DurableWrites { get; init; }

    /// <summary>The engine's Sessions:CompressValues; on unless <c>--no-compression</c>.</summary>
    public bool Compress { get; init; } = true;

    /// <summary>What the sessions hold (<c>--payload small|json</c>).</summary>
    public PayloadKind Payload { get; init; }

    /// <summary>Whether the engine compresses with the benchmark's trained dictionary (<c>--dictionary</c>).</summary>
    public bool Dictionary { get; init; }

    public static ServeOptions Parse(IReadOnlyList<string> args)
    {
        BenchmarkVariant? variant = null;
        var encrypt = false;
        string? redis = null;
        var port = 0;
        var durable = SessionApp.Sessions.Configuration.DurableWrites.Off;
        var compress = true;
        var payload = PayloadKind.Small;
        var dictionary = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--variant":
                    variant = Enum.Parse<BenchmarkVariant>(Value(args, ref i), ignoreCase: true);
                    break;
                case "--encrypt":
                    encrypt = true;
                    break;
                case "--redis":
                    redis = Value(args, ref i);
                    break;
                case "--durable":
                    durable = Enum.Parse<SessionApp.Sessions.Configuration.DurableWrites>(Value(args, ref i), ignoreCase: true);
                    break;
                case "--no-compression":
                    compress = false;
                    break;
                case "--dictionary":
                    dictionary = true;
                    break;
                case "--payload":
                    payload = Enum.Parse<PayloadKind>(Value(args, ref i), ignoreCase: true);
                    break;
                case "--port":
                    port = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"serve: unknown argument '{args[i]}'. Usage: serve --variant engine|builtin|raw [--encrypt] [--no-compression] [--dictionary] [--payload small|json] [--durable off|identity|all] --redis HOST:PORT --port P");
            }
        }

        if (variant is null || redis is null)
        {
            throw new ArgumentException("serve: --variant and --redis are required.");
        }

        if ((encrypt || !compress || dictionary) && variant != BenchmarkVariant.Engine)
        {
            throw new ArgumentException("serve: --encrypt, --no-compression and --dictionary apply to the engine variant only.");
        }

        return new ServeOptions(variant.Value, encrypt, redis, port) { DurableWrites = durable, Compress = compress, Payload = payload, Dictionary = dictionary };
    }

    internal static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
}
