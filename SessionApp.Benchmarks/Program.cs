using SessionApp.Benchmarks.Compression;
using SessionApp.Benchmarks.Driving;
using SessionApp.Benchmarks.Failover;
using SessionApp.Benchmarks.Scale;
using SessionApp.Benchmarks.Serving;

namespace SessionApp.Benchmarks;

/// <summary>
/// One executable, two roles: <c>serve --variant engine|builtin|raw [--encrypt] --redis HOST:PORT --port P</c>
/// runs one variant of the benchmark endpoint; <c>failover</c> runs the failover under load
/// (<see cref="FailoverCommand"/>); with no role (or <c>run</c>) it drives the whole comparison.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["serve", ..] => await ServeCommand.RunAsync(ServeOptions.Parse(args[1..])),
                ["failover", ..] => await FailoverCommand.RunAsync(args[1..]),
                ["durable-cost", ..] => await DurableCostCommand.RunAsync(args[1..]),
                ["scale", ..] => await ScaleCommand.RunAsync(args[1..]),
                ["memory", ..] => await MemoryCommand.RunAsync(args[1..]),
                ["compression", ..] => await CompressionCommand.RunAsync(args[1..]),
                ["train-dictionary", ..] => await TrainDictionaryCommand.RunAsync(args[1..]),
                _ => await DriveCommand.RunAsync(DriveOptions.Parse(args is ["run", ..] ? args[1..] : args)),
            };
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
