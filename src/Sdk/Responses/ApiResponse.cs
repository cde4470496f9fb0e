using System.Text.Json;
using System.Text.Json.Nodes;
using Oprel.Json;

namespace Oprel;

/// <summary>
/// The base of the API's response records: besides their properties, they answer dictionary access by Ollama's
/// JSON names, as the seed's Python objects do: <c>response["message"]?["content"]</c>.
/// </summary>
public abstract record ApiResponse
{
    /// <summary>The value of a field by its JSON name (snake_case, as on Ollama's wire), or null when absent.</summary>
    public JsonNode? this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            var node = JsonSerializer.SerializeToNode(this, GetType(), SdkJsonContext.Default) as JsonObject;
            return node?[key];
        }
    }
}
