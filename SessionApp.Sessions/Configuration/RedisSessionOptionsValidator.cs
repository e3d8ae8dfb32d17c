using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionApp.Sessions.Protection;

namespace SessionApp.Sessions.Configuration;

/// <summary>Checks every setting at start-up and reports all the wrong ones at once, each by its key.</summary>
internal sealed class RedisSessionOptionsValidator(IHostEnvironment? environment = null, IEnumerable<SessionCompressionDictionary>? dictionaries = null) : IValidateOptions<RedisSessionOptions>
{
    /// <summary>The shortest <c>UserHashKey</c> accepted: as long as the hash it keys.</summary>
    public const int MinUserHashKeyBytes = 32;

    private const string Section = RedisSessionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RedisSessionOptions options)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.CookieName) || options.CookieName.Any(c => !IsTokenChar(c)))
        {
            errors.Add($"{Section}:CookieName must be a non-empty cookie token (letters, digits and !#$%&'*+-.^_`|~), got '{options.CookieName}'.");
        }

        if (options.HeaderName is { } header
            && (header.Length == 0 || header.Any(c => !IsTokenChar(c)) || header.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || header.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{Section}:HeaderName must be a header name token (letters, digits and !#$%&'*+-.^_`|~) other than Cookie and Set-Cookie, or unset, got '{header}'.");
        }

        RequirePositive(errors, nameof(options.IdleTimeout), options.IdleTimeout);
        RequirePositive(errors, nameof(options.AbsoluteTimeout), options.AbsoluteTimeout);
        RequirePositive(errors, nameof(options.StoreTimeout), options.StoreTimeout);
        RequirePositive(errors, nameof(options.RetryAfter), options.RetryAfter);
        ValidateDurableWrites(errors, options);

        if (options.AbsoluteTimeout < options.IdleTimeout)
        {
            errors.Add($"{Section}:AbsoluteTimeout ({options.AbsoluteTimeout}) must not be shorter than {Section}:IdleTimeout ({options.IdleTimeout}).");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.IndexOfAny(['{', '}', ' ']) >= 0)
        {
            errors.Add($"{Section}:KeyPrefix must be non-empty and free of braces and spaces (braces would change the Redis Cluster hash slot), got '{options.KeyPrefix}'.");
        }

        RequireAtLeast(errors, nameof(options.MaxValueBytes), options.MaxValueBytes, 1);
        RequireAtLeast(errors, nameof(options.MaxKeys), options.MaxKeys, 1);
        RequireAtLeast(errors, nameof(options.MaxKeyLength), options.MaxKeyLength, 1);
        RequireAtLeast(errors, nameof(options.MaxSessionsPerUser), options.MaxSessionsPerUser, 0);
        if (options.MaxSessionBytes < options.MaxValueBytes)
        {
            errors.Add($"{Section}:MaxSessionBytes ({options.MaxSessionBytes}) must be at least {Section}:MaxValueBytes ({options.MaxValueBytes}).");
        }

        for (var i = 0; i < options.EncryptionKeys.Count; i++)
        {
            if (!EncryptionKey.TryParse(options.EncryptionKeys[i], out _, out var problem))
            {
                errors.Add($"{Section}:EncryptionKeys:{i} {problem}");
            }
        }

        ValidateCompression(errors, options);
        ValidateUserHashKey(errors, options.UserHashKey);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateDurableWrites(List<string> errors, RedisSessionOptions options)
    {
        if (!Enum.IsDefined(options.DurableWrites))
        {
            errors.Add($"{Section}:DurableWrites must be Off, Identity or All, got '{options.DurableWrites}'.");
        }

        if (options.DurableWriteTimeout is not { } wait)
        {
            return;
        }

        if (wait.TotalMilliseconds < 1)
        {
            errors.Add($"{Section}:DurableWriteTimeout must be at least 1 millisecond (Redis WAIT counts whole milliseconds, and 0 would wait for ever), got {wait}.");
        }
        else if (wait >= options.StoreTimeout)
        {
            errors.Add($"{Section}:DurableWriteTimeout ({wait}) must be shorter than {Section}:StoreTimeout ({options.StoreTimeout}), so Redis answers the wait before the client gives up.");
        }
    }

    private void ValidateCompression(List<string> errors, RedisSessionOptions options)
    {
        RequireAtLeast(errors, nameof(options.CompressionThreshold), options.CompressionThreshold, 1);
        if (options.CompressionLevel is < 1 or > 22)
        {
            errors.Add($"{Section}:CompressionLevel must be a zstd level from 1 to 22, got {options.CompressionLevel.ToString(CultureInfo.InvariantCulture)}.");
        }

        var registered = (dictionaries ?? []).ToList();
        foreach (var duplicate in registered.GroupBy(static d => d.Id).Where(static g => g.Count() > 1))
        {
            errors.Add($"Two session compression dictionaries are registered with the id {duplicate.Key.ToString(CultureInfo.InvariantCulture)} (AddCompressionDictionary); each needs its own.");
        }

        if (options.CompressionDictionary is { } id && registered.All(d => d.Id != id))
        {
            var known = registered.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", registered.Select(static d => d.Id.ToString(CultureInfo.InvariantCulture)));
            errors.Add($"{Section}:CompressionDictionary names dictionary {id.ToString(CultureInfo.InvariantCulture)}, which is not registered with AddCompressionDictionary ({known}).");
        }
    }

    private void ValidateUserHashKey(List<string> errors, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            if (environment?.IsDevelopment() != true)
            {
                errors.Add($"{Section}:UserHashKey is required outside the Development environment: set it to base64 of at least {MinUserHashKeyBytes} random bytes (for example the output of 'openssl rand -base64 32'), the same on every instance. It keys the hash that names per-user data in Redis.");
            }

            return;
        }

        var bytes = new byte[key.Length];
        if (!Convert.TryFromBase64String(key, bytes, out var length))
        {
            errors.Add($"{Section}:UserHashKey must be base64 of at least {MinUserHashKeyBytes} random bytes; it is not valid base64.");
        }
        else if (length < MinUserHashKeyBytes)
        {
            errors.Add($"{Section}:UserHashKey must be base64 of at least {MinUserHashKeyBytes} random bytes, got {length} bytes.");
        }
    }

    private static void RequirePositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:{key} must be a positive duration (for example 00:20:00), got {value}.");
        }
    }

    private static void RequireAtLeast(List<string> errors, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            errors.Add($"{Section}:{key} must be at least {minimum.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>A character of an HTTP token (RFC 9110), which cookie names and header names both are.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
