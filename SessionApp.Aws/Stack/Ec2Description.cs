using System.Buffers;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The descriptions EC2 accepts on a security group and on its rules: at most 255 of <c>a-z A-Z 0-9</c>, space and
/// <c>._-:/()#,@[]+=;{}!$*</c> (EC2 refuses the whole create otherwise; <c>'</c> is the usual slip). EC2 documents
/// <c>&amp;</c> for group descriptions only, so it is left out here for both.
/// </summary>
internal static class Ec2Description
{
    private const int MaxLength = 255;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-:/()#,@[]+=;{}!$*");

    /// <summary>Returns <paramref name="text"/> when EC2 accepts it; otherwise throws naming the first bad character.</summary>
    /// <exception cref="ArgumentException">The text is too long or holds a character EC2 refuses.</exception>
    public static string Of(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var bad = text.AsSpan().IndexOfAnyExcept(Allowed);
        if (bad >= 0)
        {
            throw new ArgumentException($"EC2 refuses the character '{text[bad]}' in the description \"{text}\".", nameof(text));
        }

        if (text.Length > MaxLength)
        {
            throw new ArgumentException($"EC2 refuses descriptions longer than {MaxLength} characters: \"{text}\".", nameof(text));
        }

        return text;
    }
}
