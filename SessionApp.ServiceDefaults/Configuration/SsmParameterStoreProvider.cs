using System.Globalization;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Configuration;

namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>
/// Loads <see cref="SsmParameterStoreSource"/>: at start-up a failure throws <see cref="SsmParameterStoreException"/>
/// (start-up stops with its message); on a reload a failure keeps the values already loaded and is retried at the
/// next interval.
/// </summary>
internal sealed class SsmParameterStoreProvider : ConfigurationProvider, IDisposable
{
    private readonly SsmParameterStoreSource _source;
    private readonly string _path;
    private readonly CancellationTokenSource _stopping = new();
    private IAmazonSimpleSystemsManagement? _client;
    private Task? _reloading;

    public SsmParameterStoreProvider(SsmParameterStoreSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(source.Path) || !source.Path.StartsWith('/'))
        {
            throw new SsmParameterStoreException($"Ssm:Path must be an SSM parameter path such as '/sessionapp/production/'; it is '{source.Path}'.");
        }

        if (source.ReloadInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new SsmParameterStoreException($"Ssm:ReloadInterval must be positive; it is {interval}.");
        }

        _source = source;
        _path = source.Path.EndsWith('/') ? source.Path : source.Path + "/";
    }

    /// <summary>The last reload's failure, or null once a reload succeeds.</summary>
    public Exception? LastReloadError { get; private set; }

    public override void Load()
    {
        _client ??= _source.CreateClient();
        Data = Task.Run(() => ReadAsync(_stopping.Token)).GetAwaiter().GetResult();
        if (_source.ReloadInterval is { } interval && _reloading is null)
        {
            _reloading = ReloadLoopAsync(interval);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _client?.Dispose();
        _stopping.Dispose();
    }

    private async Task ReloadLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    var data = await ReadAsync(_stopping.Token);
                    LastReloadError = null;
                    if (!Same(data, Data))
                    {
                        Data = data;
                        OnReload();
                    }
                }
                catch (SsmParameterStoreException ex)
                {
                    LastReloadError = ex;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task<Dictionary<string, string?>> ReadAsync(CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? nextToken = null;
        do
        {
            var page = await CallAsync(
                () => _client!.GetParametersByPathAsync(new GetParametersByPathRequest
                {
                    Path = _path.TrimEnd('/'),
                    Recursive = true,
                    WithDecryption = true,
                    MaxResults = 10,
                    NextToken = nextToken,
                }, cancellationToken),
                $"load the parameters under '{_path}' (Ssm:Path)");
            foreach (var parameter in page.Parameters ?? [])
            {
                data[ToKey(parameter.Name)] = parameter.Value;
            }

            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        await ComposeConnectionStringAsync(data, cancellationToken);
        await ResolveSecretSettingsAsync(data, cancellationToken);
        return data;
    }

    private async Task ComposeConnectionStringAsync(Dictionary<string, string?> data, CancellationToken cancellationToken)
    {
        var missing = SsmParameterNames.Required.Where(name => string.IsNullOrWhiteSpace(Value(data, name))).Select(name => _path + name).ToList();
        if (missing.Count > 0)
        {
            throw new SsmParameterStoreException(
                $"Required SSM parameter{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(static m => $"'{m}'"))} {(missing.Count > 1 ? "are" : "is")} missing (Ssm:Path is '{_path}').");
        }

        var portText = Value(data, SsmParameterNames.MemoryDbPort)!;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new SsmParameterStoreException($"SSM parameter '{_path}{SsmParameterNames.MemoryDbPort}' must be a port number; it is '{portText}'.");
        }

        var tlsText = Value(data, SsmParameterNames.MemoryDbTls)!;
        if (!bool.TryParse(tlsText, out var tls))
        {
            throw new SsmParameterStoreException($"SSM parameter '{_path}{SsmParameterNames.MemoryDbTls}' must be true or false; it is '{tlsText}'.");
        }

        var password = await ReadSecretAsync(data, SsmParameterNames.MemoryDbPasswordSecret, "the MemoryDB password", cancellationToken);

        var connectionName = Value(data, SsmParameterNames.MemoryDbConnectionName) ?? "sessions";
        data[$"ConnectionStrings:{connectionName}"] = string.Create(CultureInfo.InvariantCulture,
            $"{Value(data, SsmParameterNames.MemoryDbEndpoint)}:{port},ssl={(tls ? "true" : "false")},user={Value(data, SsmParameterNames.MemoryDbUser)},password={password}");
    }

    /// <summary>
    /// Reads each secret a parameter of <see cref="SsmParameterNames.SecretSettings"/> names into its configuration key
    /// (<c>Sessions/UserHashKeySecret</c> into <c>Sessions:UserHashKey</c>, <c>Authentication/Oidc/ClientSecretSecret</c>
    /// into <c>Authentication:Oidc:ClientSecret</c>).
    /// </summary>
    private async Task ResolveSecretSettingsAsync(Dictionary<string, string?> data, CancellationToken cancellationToken)
    {
        foreach (var setting in SsmParameterNames.SecretSettings.Where(s => !string.IsNullOrWhiteSpace(Value(data, s.NameParameter))))
        {
            data[setting.Key] = await ReadSecretAsync(data, setting.NameParameter, setting.Description, cancellationToken);
        }
    }

    /// <summary>Reads the Secrets Manager secret that the parameter <paramref name="nameParameter"/> names, through SSM's reference path.</summary>
    private async Task<string> ReadSecretAsync(Dictionary<string, string?> data, string nameParameter, string what, CancellationToken cancellationToken)
    {
        var reference = SsmParameterNames.SecretsManagerReference + Value(data, nameParameter);
        var secret = await CallAsync(
            () => _client!.GetParameterAsync(new GetParameterRequest { Name = reference, WithDecryption = true }, cancellationToken),
            $"read {what} '{reference}' (the secret named by '{_path}{nameParameter}')");
        return secret.Parameter.Value;
    }

    private static string? Value(Dictionary<string, string?> data, string name) =>
        data.TryGetValue(name.Replace('/', ':'), out var value) ? value : null;

    private string ToKey(string name) =>
        (name.StartsWith(_path, StringComparison.Ordinal) ? name[_path.Length..] : name.TrimStart('/')).Replace('/', ':');

    private static bool Same(Dictionary<string, string?> left, IDictionary<string, string?> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (ParameterNotFoundException ex)
        {
            throw new SsmParameterStoreException($"Could not {what}: SSM has no such parameter ({ex.Message}).", ex);
        }
        catch (AmazonServiceException ex)
        {
            throw new SsmParameterStoreException($"Could not {what}: SSM answered {ex.ErrorCode} ({ex.Message}).", ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or TimeoutException or IOException or TaskCanceledException)
        {
            throw new SsmParameterStoreException($"Could not {what}: SSM Parameter Store could not be reached ({ex.Message}).", ex);
        }
    }
}
