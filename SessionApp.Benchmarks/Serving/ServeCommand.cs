namespace SessionApp.Benchmarks.Serving;

/// <summary>The <c>serve</c> role: runs one variant until the process is stopped.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(ServeOptions options)
    {
        await using var app = await BenchmarkApp.CreateAsync(options);
        await app.RunAsync();
        return 0;
    }
}
