using System.Text.Json;

namespace SessionApp.Api.Http;

/// <summary>
/// Whether a JSON value can be read back as text: every string and property name is valid UTF-8 and holds no
/// unpaired surrogate (an escaped <c>"\ud800"</c>). <see cref="JsonDocument"/> accepts both without complaint, but
/// turning such a value into text (storing it, writing it into a response) throws, so an API that keeps values
/// refuses them at the door.
/// </summary>
public static class JsonText
{
    public static bool IsReadable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name) || !IsReadable(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsReadable(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return TryRead(element.GetString);
            default:
                return true;
        }
    }

    private static bool TryRead(Func<string?> read)
    {
        string? text;
        try
        {
            text = read();
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8, or an escape that does not decode to valid UTF-16.
            return false;
        }

        return text is null || !HasUnpairedSurrogate(text);
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
