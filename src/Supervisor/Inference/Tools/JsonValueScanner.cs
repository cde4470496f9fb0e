using System.Text.Json;

namespace Oprel.Supervisor.Inference.Tools;

/// <summary>Finds and parses one JSON object or array that starts at a given place in a text.</summary>
internal static class JsonValueScanner
{
    /// <summary>
    /// Parses the object or array that starts at <paramref name="start"/> (a <c>{</c> or <c>[</c>); <paramref name="end"/>
    /// is the index just past it. False when the brackets do not close or the text between them is not valid JSON.
    /// </summary>
    public static bool TryRead(string text, int start, out JsonElement value, out int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        end = start;
        if (start >= text.Length || text[start] is not ('{' or '['))
        {
            return false;
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        end = i + 1;
                        return TryParse(text[start..end], out value);
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>Parses a whole text as one JSON value.</summary>
    public static bool TryParse(string text, out JsonElement value)
    {
        try
        {
            value = JsonElement.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }
}
