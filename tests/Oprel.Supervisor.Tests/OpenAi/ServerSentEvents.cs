using System.Net;
using System.Text.Json.Nodes;

namespace Oprel.Supervisor.Tests.OpenAi;

/// <summary>Reads an OpenAI stream as a client does: <c>data: …</c> events separated by blank lines, ending with <c>[DONE]</c>.</summary>
internal static class ServerSentEvents
{
    /// <summary>The JSON events before <c>data: [DONE]</c>; fails if the stream is not well formed or does not end with it.</summary>
    public static async Task<List<JsonNode>> ReadAsync(HttpClient http, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = OpenAiJson.Content(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n");
        Assert.Equal("", events[^1]);
        Assert.Equal("data: [DONE]", events[^2]);
        return [.. events[..^2].Select(e =>
        {
            Assert.StartsWith("data: ", e, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e);
            return JsonNode.Parse(e["data: ".Length..])!;
        })];
    }
}
