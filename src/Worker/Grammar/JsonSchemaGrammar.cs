using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oprel.Worker.Grammar;

/// <summary>
/// Turns a JSON schema into a llama.cpp GBNF grammar whose every complete text is JSON that validates against the
/// schema: how Ollama's <c>format</c> (a schema, or <c>"json"</c>) and OpenAI's <c>response_format</c> of type
/// <c>json_schema</c> are enforced while sampling. Whitespace between tokens is optional and bounded, so a model cannot
/// stall in it.
/// </summary>
internal static class JsonSchemaGrammar
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    /// <summary>GBNF for <c>"format": "json"</c>: any JSON object at the root.</summary>
    public static string AnyJsonObject { get; } = JsonSchemaConverter.AnyObject();

    /// <summary>The GBNF grammar (its start rule is <c>root</c>) of the JSON texts <paramref name="schemaJson"/> allows.</summary>
    /// <exception cref="JsonSchemaGrammarException">
    /// The text is not JSON, the schema is invalid or unsatisfiable, or it uses a feature that cannot be enforced while
    /// generating; the message names the part of the schema (a JSON pointer) and why.
    /// </exception>
    public static string FromSchema(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonNode? schema;
        try
        {
            schema = JsonNode.Parse(schemaJson, documentOptions: ParseOptions);
        }
        catch (JsonException error)
        {
            throw new JsonSchemaGrammarException($"The schema is not valid JSON: {error.Message}", error);
        }

        return JsonSchemaConverter.Convert(schema);
    }
}
