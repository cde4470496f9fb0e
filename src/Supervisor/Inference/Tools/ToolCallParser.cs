using System.Text;
using System.Text.Json;
using Oprel.Rpc;

namespace Oprel.Supervisor.Inference.Tools;

/// <summary>
/// Finds the tool calls in a model's answer, in the format its chat template taught it. Only what the model wrote
/// becomes a call: malformed JSON, or JSON that does not name a function, stays text. A bare JSON object (the Llama
/// and fallback formats, which have no marker) is a call only when it names one of the request's tools.
/// </summary>
internal sealed class ToolCallParser
{
    private const string HermesOpen = "<tool_call>";
    private const string HermesClose = "</tool_call>";
    private const string MistralMarker = "[TOOL_CALLS]";
    private const string MistralArguments = "[ARGS]";
    private const string PythonTag = "<|python_tag|>";

    private readonly HashSet<string> _toolNames;

    public ToolCallParser(ToolCallFormat format, IEnumerable<string> toolNames)
    {
        ArgumentNullException.ThrowIfNull(toolNames);
        Format = format;
        _toolNames = new HashSet<string>(toolNames, StringComparer.Ordinal);
    }

    public ToolCallFormat Format { get; }

    /// <summary>A parser for the format that a chat template's text shows the model.</summary>
    public static ToolCallParser ForTemplate(string? template, IEnumerable<string> toolNames) => new(FormatOf(template), toolNames);

    /// <summary>The format a chat template teaches: by the markers it writes around calls.</summary>
    public static ToolCallFormat FormatOf(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return ToolCallFormat.Json;
        }

        if (template.Contains(HermesOpen, StringComparison.Ordinal))
        {
            return ToolCallFormat.Hermes;
        }

        if (template.Contains(MistralMarker, StringComparison.Ordinal))
        {
            return ToolCallFormat.Mistral;
        }

        return template.Contains(PythonTag, StringComparison.Ordinal) || template.Contains("\"parameters\"", StringComparison.Ordinal)
            ? ToolCallFormat.Llama
            : ToolCallFormat.Json;
    }

    /// <summary>Whether an answer that begins with <paramref name="text"/> may be a tool call.</summary>
    public ToolCallStart Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.TrimStart();
        if (start.Length == 0)
        {
            return ToolCallStart.Undecided;
        }

        if (start[0] == '{')
        {
            return ToolCallStart.Possible;
        }

        if (Marker is not { } marker)
        {
            return ToolCallStart.Text;
        }

        if (start.StartsWith(marker, StringComparison.Ordinal))
        {
            return ToolCallStart.Possible;
        }

        return marker.StartsWith(start, StringComparison.Ordinal) ? ToolCallStart.Undecided : ToolCallStart.Text;
    }

    /// <summary>The tool calls in a whole answer and the text outside them; no calls and the whole text when there are none.</summary>
    public ToolCallParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Format switch
        {
            ToolCallFormat.Hermes => ParseHermes(text),
            ToolCallFormat.Mistral => ParseMistral(text),
            ToolCallFormat.Llama => ParseLlama(text),
            _ => null,
        };
        return result ?? ParseBareJson(text) ?? new ToolCallParseResult(text, []);
    }

    private string? Marker => Format switch
    {
        ToolCallFormat.Hermes => HermesOpen,
        ToolCallFormat.Mistral => MistralMarker,
        ToolCallFormat.Llama => PythonTag,
        _ => null,
    };

    /// <summary><c>&lt;tool_call&gt;{…}&lt;/tool_call&gt;</c> blocks; a block that is not a call stays in the text.</summary>
    private static ToolCallParseResult? ParseHermes(string text)
    {
        var calls = new List<ChatToolCall>();
        var content = new StringBuilder();
        var at = 0;
        while (text.IndexOf(HermesOpen, at, StringComparison.Ordinal) is var open and >= 0)
        {
            content.Append(text, at, open - at);
            var inner = open + HermesOpen.Length;
            var close = text.IndexOf(HermesClose, inner, StringComparison.Ordinal);
            var blockEnd = close < 0 ? text.Length : close + HermesClose.Length;
            var body = text[inner..(close < 0 ? text.Length : close)].Trim();
            if (JsonValueScanner.TryParse(body, out var json) && TryCall(json, requireArguments: false, out var call))
            {
                calls.Add(call);
            }
            else
            {
                content.Append(text, open, blockEnd - open);
            }

            at = blockEnd;
        }

        content.Append(text, at, text.Length - at);
        return calls.Count == 0 ? null : new ToolCallParseResult(content.ToString().Trim(), calls);
    }

    /// <summary><c>[TOOL_CALLS][{…}, …]</c> or <c>[TOOL_CALLS]name[ARGS]{…}</c> (repeated); the text before the marker is content.</summary>
    private static ToolCallParseResult? ParseMistral(string text)
    {
        var marker = text.IndexOf(MistralMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var calls = new List<ChatToolCall>();
        var at = SkipWhitespace(text, marker + MistralMarker.Length);
        if (at < text.Length && text[at] == '[')
        {
            if (!JsonValueScanner.TryRead(text, at, out var array, out var end) || !TryCalls(array, requireArguments: false, calls)
                || SkipWhitespace(text, end) != text.Length)
            {
                return null;
            }
        }
        else
        {
            while (true)
            {
                var arguments = text.IndexOf(MistralArguments, at, StringComparison.Ordinal);
                if (arguments < 0)
                {
                    return null;
                }

                var name = text[at..arguments].Trim();
                var json = SkipWhitespace(text, arguments + MistralArguments.Length);
                if (name.Length == 0 || !JsonValueScanner.TryRead(text, json, out var value, out var end) || ArgumentsText(value) is not { } argumentsJson)
                {
                    return null;
                }

                calls.Add(new ChatToolCall(name, argumentsJson));
                at = SkipWhitespace(text, end);
                if (at == text.Length)
                {
                    break;
                }

                if (!text.AsSpan(at).StartsWith(MistralMarker, StringComparison.Ordinal))
                {
                    return null;
                }

                at += MistralMarker.Length;
            }
        }

        return new ToolCallParseResult(text[..marker].Trim(), calls);
    }

    /// <summary>
    /// <c>{"name": …, "parameters": …}</c> objects separated by <c>;</c>, maybe after <c>&lt;|python_tag|&gt;</c>. The
    /// whole answer must be calls; without the tag each one must name a tool of the request.
    /// </summary>
    private ToolCallParseResult? ParseLlama(string text)
    {
        var at = SkipWhitespace(text, 0);
        var tagged = text.AsSpan(at).StartsWith(PythonTag, StringComparison.Ordinal);
        if (tagged)
        {
            at = SkipWhitespace(text, at + PythonTag.Length);
        }

        var calls = new List<ChatToolCall>();
        while (true)
        {
            if (!JsonValueScanner.TryRead(text, at, out var json, out var end) || json.ValueKind != JsonValueKind.Object
                || !TryCall(json, requireArguments: true, out var call) || (!tagged && !_toolNames.Contains(call.Name)))
            {
                return null;
            }

            calls.Add(call);
            at = SkipWhitespace(text, end);
            if (at == text.Length)
            {
                return new ToolCallParseResult("", calls);
            }

            if (text[at] != ';')
            {
                return null;
            }

            at = SkipWhitespace(text, at + 1);
            if (at == text.Length)
            {
                return new ToolCallParseResult("", calls);
            }
        }
    }

    /// <summary>The fallback: the whole answer is one call object (or an array of them) naming tools of the request.</summary>
    private ToolCallParseResult? ParseBareJson(string text)
    {
        var calls = new List<ChatToolCall>();
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || !JsonValueScanner.TryParse(trimmed, out var json))
        {
            return null;
        }

        var found = json.ValueKind switch
        {
            JsonValueKind.Object => TryCall(json, requireArguments: true, out var call) && Add(calls, call),
            JsonValueKind.Array => json.GetArrayLength() > 0 && TryCalls(json, requireArguments: true, calls),
            _ => false,
        };
        return found && calls.TrueForAll(c => _toolNames.Contains(c.Name)) ? new ToolCallParseResult("", calls) : null;
    }

    private static bool Add(List<ChatToolCall> calls, ChatToolCall call)
    {
        calls.Add(call);
        return true;
    }

    private static bool TryCalls(JsonElement array, bool requireArguments, List<ChatToolCall> calls)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (!TryCall(item, requireArguments, out var call))
            {
                return false;
            }

            calls.Add(call);
        }

        return calls.Count > 0;
    }

    /// <summary>
    /// A call object: a non-empty string "name" and "arguments" (or "parameters") as an object or a string holding one;
    /// without <paramref name="requireArguments"/> missing arguments are <c>{}</c>.
    /// </summary>
    private static bool TryCall(JsonElement json, bool requireArguments, out ChatToolCall call)
    {
        call = null!;
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || name.GetString() is not { Length: > 0 } functionName)
        {
            return false;
        }

        string? arguments;
        if (json.TryGetProperty("arguments", out var value) || json.TryGetProperty("parameters", out value))
        {
            arguments = ArgumentsText(value);
        }
        else
        {
            arguments = requireArguments ? null : "{}";
        }

        if (arguments is null)
        {
            return false;
        }

        call = new ChatToolCall(functionName, arguments);
        return true;
    }

    /// <summary>Arguments as JSON object text: an object, or a string whose text is an object; null otherwise.</summary>
    private static string? ArgumentsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.GetRawText(),
        JsonValueKind.String when JsonValueScanner.TryParse(value.GetString()!, out var inner) && inner.ValueKind == JsonValueKind.Object => inner.GetRawText(),
        _ => null,
    };

    private static int SkipWhitespace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }
}
