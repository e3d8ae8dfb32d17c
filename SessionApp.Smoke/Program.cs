using SessionApp.Smoke;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(SmokeCommandLine.Usage);
    return 0;
}

var (options, errors) = SmokeCommandLine.Parse(args, Environment.GetEnvironmentVariable);
if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(SmokeCommandLine.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var result = await new SmokeTest(options, Console.Error.WriteLine).RunAsync(cancel.Token);
Console.WriteLine(result.Verdict);
return result.Passed ? 0 : 1;
