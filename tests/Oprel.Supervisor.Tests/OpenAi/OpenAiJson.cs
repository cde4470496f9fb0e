using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Oprel.Supervisor.Tests.OpenAi;

/// <summary>Posting JSON and reading JSON answers.</summary>
internal static class OpenAiJson
{
    public static StringContent Content(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Posts and returns the status and the JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, Content(body));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Asserts OpenAI's error shape: <c>{"error": {"message", "type", "param": null, "code": null}}</c>.</summary>
    public static string AssertError(JsonNode body, string type)
    {
        var error = body["error"]!.AsObject();
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.True(error.ContainsKey("param"));
        Assert.True(error.ContainsKey("code"));
        Assert.Null(error["code"]);
        var message = error["message"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }
}
