using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace SessionApp.Benchmarks.Compression;

/// <summary>
/// Realistic JSON sessions, about 1.4 KB each and different in every session: a profile, a cart of 3–8 lines drawn
/// from a catalogue, recently viewed products, feature flags and a random nonce. Session <c>n</c> is the same on every
/// run (a seeded generator, plus 32 random-looking nonce bytes derived from <c>n</c>), so anyone can rerun the figures.
/// Dictionaries are trained on sessions from <see cref="TrainingOffset"/> on, and measured on sessions from 0, so no
/// measured session is one the dictionary saw.
/// </summary>
internal static class SessionPayloads
{
    /// <summary>The first session number used for training a dictionary; measurements use 0 onwards.</summary>
    public const int TrainingOffset = 10_000_000;

    private static readonly string[] FirstNames = ["Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sofia", "Elias", "Mia", "Lucas", "Hannah", "Mateo", "Chloe", "Arjun", "Yuki", "Fatima", "Jonas", "Ingrid", "Kwame", "Aisha"];

    private static readonly string[] LastNames = ["Smith", "García", "Müller", "Rossi", "Nowak", "Dubois", "Jensen", "Silva", "Kowalski", "Tanaka", "Okafor", "Novak", "Larsen", "Martin", "Haddad", "Fischer", "Moreau", "Costa", "Ivanova", "Brown"];

    private static readonly string[] Domains = ["example.com", "mail.example.org", "inbox.example.net", "corp.example.io"];

    private static readonly (string Locale, string TimeZone, string Currency)[] Regions =
    [
        ("en-GB", "Europe/London", "GBP"), ("de-DE", "Europe/Berlin", "EUR"), ("fr-FR", "Europe/Paris", "EUR"),
        ("en-US", "America/New_York", "USD"), ("es-ES", "Europe/Madrid", "EUR"), ("pl-PL", "Europe/Warsaw", "PLN"),
        ("ja-JP", "Asia/Tokyo", "JPY"), ("en-AU", "Australia/Sydney", "AUD"),
    ];

    private static readonly string[] Tiers = ["basic", "silver", "gold", "platinum"];

    private static readonly string[] Adjectives = ["Merino", "Waterproof", "Compact", "Cast-iron", "Organic cotton", "Wireless", "Recycled", "Ultralight", "Stainless steel", "Bamboo"];

    private static readonly string[] Nouns = ["hiking socks, 3 pack", "trail jacket", "travel kettle", "skillet 28 cm", "crew-neck T-shirt", "noise-cancelling earbuds", "water bottle 750 ml", "daypack 22 L", "chef's knife", "cutting board", "paperback notebook", "garden hose 15 m"];

    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "one size"];

    private static readonly string[] Coupons = ["SPRING10", "WELCOME5", "FREESHIP", "LOYAL15"];

    private static readonly string[] Experiments = ["control", "variant-a", "variant-b"];

    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Session number <paramref name="n"/> as UTF-8 JSON.</summary>
    public static byte[] Create(int n)
    {
        var random = new Random(n);
        var buffer = new MemoryStream(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var region = Regions[random.Next(Regions.Length)];
            var now = Epoch.AddSeconds(random.Next(30 * 24 * 3600));
            json.WriteStartObject();
            WriteProfile(json, random, region, now);
            WriteCart(json, random, region.Currency);
            json.WriteStartArray("recentlyViewed");
            for (int i = 0, count = random.Next(3, 7); i < count; i++)
            {
                json.WriteStartObject();
                json.WriteString("sku", Sku(random));
                json.WriteString("viewedAt", Time(now.AddSeconds(-random.Next(86_400))));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("flags");
            json.WriteBoolean("newCheckout", random.Next(2) == 0);
            json.WriteBoolean("darkMode", random.Next(3) == 0);
            json.WriteBoolean("cookieConsent", random.Next(5) != 0);
            json.WriteString("searchRanking", Experiments[random.Next(Experiments.Length)]);
            json.WriteString("recommendations", Experiments[random.Next(Experiments.Length)]);
            json.WriteEndObject();
            json.WriteString("csrfNonce", Convert.ToBase64String(SHA256.HashData(BitConverter.GetBytes(n))));
            json.WriteString("lastSeen", Time(now));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Sessions <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> (exclusive).</summary>
    public static byte[][] Range(int from, int count) => [.. Enumerable.Range(from, count).Select(Create)];

    private static void WriteProfile(Utf8JsonWriter json, Random random, (string Locale, string TimeZone, string Currency) region, DateTimeOffset now)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        json.WriteStartObject("profile");
        json.WriteString("userId", Guid.CreateVersion7(now.AddDays(-random.Next(900))).ToString());
        json.WriteString("displayName", $"{first} {last}");
        json.WriteString("email", $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{random.Next(100)}@{Domains[random.Next(Domains.Length)]}");
        json.WriteString("locale", region.Locale);
        json.WriteString("timeZone", region.TimeZone);
        json.WriteString("currency", region.Currency);
        json.WriteString("tier", Tiers[random.Next(Tiers.Length)]);
        json.WriteBoolean("marketingOptIn", random.Next(2) == 0);
        json.WriteString("signedInAt", Time(now.AddSeconds(-random.Next(7200))));
        json.WriteEndObject();
    }

    private static void WriteCart(Utf8JsonWriter json, Random random, string currency)
    {
        json.WriteStartObject("cart");
        json.WriteString("cartId", $"c_{random.NextInt64():x16}");
        json.WriteString("currency", currency);
        json.WriteStartArray("lines");
        var total = 0m;
        for (int i = 0, count = random.Next(3, 9); i < count; i++)
        {
            var price = random.Next(199, 19_999) / 100m;
            var quantity = random.Next(1, 4);
            total += price * quantity;
            json.WriteStartObject();
            json.WriteString("sku", Sku(random));
            json.WriteString("name", $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]}");
            json.WriteString("size", Sizes[random.Next(Sizes.Length)]);
            json.WriteNumber("quantity", quantity);
            json.WriteNumber("unitPrice", price);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (random.Next(4) == 0)
        {
            json.WriteString("coupon", Coupons[random.Next(Coupons.Length)]);
        }

        json.WriteNumber("subtotal", total);
        json.WriteEndObject();
    }

    private static string Sku(Random random) => string.Create(CultureInfo.InvariantCulture, $"SKU-{random.Next(100_000, 999_999)}");

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
