using System.Globalization;

namespace SessionApp.Web.Pages;

/// <summary>Times, durations and money as a person reads them: "4 minutes ago", "in 19 minutes", "$13.20".</summary>
public static class PageText
{
    public static string Ago(DateTimeOffset moment, DateTimeOffset now)
    {
        var elapsed = now - moment;
        return elapsed < TimeSpan.FromSeconds(30) ? "just now" : Duration(elapsed) + " ago";
    }

    public static string Until(DateTimeOffset moment, DateTimeOffset now)
    {
        var remaining = moment - now;
        return remaining <= TimeSpan.Zero ? "now" : "in " + Duration(remaining);
    }

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return Plural((int)Math.Max(1, span.TotalSeconds), "second");
        }

        if (span < TimeSpan.FromHours(1))
        {
            return Plural((int)span.TotalMinutes, "minute");
        }

        if (span < TimeSpan.FromDays(1))
        {
            var minutes = span.Minutes;
            return minutes == 0 ? Plural((int)span.TotalHours, "hour") : Plural((int)span.TotalHours, "hour") + " " + Plural(minutes, "minute");
        }

        return Plural((int)span.TotalDays, "day");
    }

    /// <summary>The machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The moment in UTC, as shown in a tooltip.</summary>
    public static string Utc(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => "$" + amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Plural(int count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? string.Empty : "s");
}
