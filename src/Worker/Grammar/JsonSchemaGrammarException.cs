namespace Oprel.Worker.Grammar;

/// <summary>
/// A JSON schema that <see cref="JsonSchemaGrammar"/> cannot turn into a grammar: invalid, unsatisfiable, or using a
/// feature that cannot be enforced while generating. The message names the part of the schema (a JSON pointer) and why.
/// </summary>
internal sealed class JsonSchemaGrammarException : Exception
{
    public JsonSchemaGrammarException()
    {
    }

    public JsonSchemaGrammarException(string message)
        : base(message)
    {
    }

    public JsonSchemaGrammarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error about the schema at <paramref name="schemaPath"/>, a JSON pointer such as <c>#/properties/age</c>.</summary>
    public static JsonSchemaGrammarException At(string schemaPath, string reason) => new($"{schemaPath}: {reason}");
}
