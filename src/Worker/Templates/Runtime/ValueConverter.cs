using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>Turns JSON and plain .NET values (the context's tools and extra variables) into template values.</summary>
internal static class ValueConverter
{
    /// <summary>A JSON value; objects keep their key order, integral numbers become integers.</summary>
    public static Value FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new DictValue();
                foreach (var property in element.EnumerateObject())
                {
                    dict.With(property.Name, FromJson(property.Value));
                }

                return dict;
            case JsonValueKind.Array:
                return new ListValue(element.EnumerateArray().Select(FromJson).ToList());
            case JsonValueKind.String:
                return new StringValue(element.GetString() ?? "");
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? IntegerValue.From(integer) : new FloatValue(element.GetDouble());
            case JsonValueKind.True:
                return BooleanValue.True;
            case JsonValueKind.False:
                return BooleanValue.False;
            default:
                return NoneValue.Instance;
        }
    }

    /// <summary>A JSON document's text as a value.</summary>
    public static Value ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>
    /// A .NET value: null, bool, integer and floating types, string, <see cref="JsonElement"/>, a dictionary with
    /// string keys, or a sequence of these.
    /// </summary>
    public static Value FromObject(object? value) => value switch
    {
        null => NoneValue.Instance,
        Value already => already,
        bool boolean => BooleanValue.From(boolean),
        string text => new StringValue(text),
        int or long or short or byte or sbyte or ushort or uint => IntegerValue.From(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double or float or decimal or ulong => new FloatValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        JsonElement element => FromJson(element),
        IEnumerable<KeyValuePair<string, object?>> pairs => FromPairs(pairs),
        IDictionary dictionary => FromDictionary(dictionary),
        IEnumerable sequence => new ListValue(sequence.Cast<object?>().Select(FromObject).ToList()),
        _ => throw new ArgumentException($"A template variable cannot be a {value.GetType().Name}; use null, bool, numbers, strings, JSON, dictionaries or lists."),
    };

    private static DictValue FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var dict = new DictValue();
        foreach (var pair in pairs)
        {
            dict.With(pair.Key, FromObject(pair.Value));
        }

        return dict;
    }

    private static DictValue FromDictionary(IDictionary dictionary)
    {
        var dict = new DictValue();
        foreach (DictionaryEntry entry in dictionary)
        {
            dict.With(entry.Key as string ?? throw new ArgumentException("A template dictionary needs string keys."), FromObject(entry.Value));
        }

        return dict;
    }
}
