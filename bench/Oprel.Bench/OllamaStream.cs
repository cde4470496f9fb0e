using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Oprel.Bench;

/// <summary>
/// A streaming /api/generate call timed from the client: the time to the first non-empty "response" line and to the
/// last one, and the counts from the final line.
/// </summary>
internal static class OllamaStream
{
    public static string Options(BenchSettings settings, int? numPredict = null)
    {
        var predict = numPredict is { } n ? string.Create(CultureInfo.InvariantCulture, $",\"num_predict\":{n}") : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"temperature\":0,\"repeat_penalty\":1,\"num_ctx\":{settings.ContextSize},\"num_thread\":{settings.Threads},\"num_batch\":{settings.BatchSize}{predict}}}");
    }

    /// <summary>Streams one raw generation; <paramref name="onText"/> gets the number of text chunks so far after each one.</summary>
    public static async Task<RunTiming> GenerateAsync(
        HttpClient http, string model, string prompt, BenchSettings settings, int numPredict, Action<int>? onText, CancellationToken cancellationToken)
    {
        var body = $$"""{"model":{{JsonSerializer.Serialize(model)}},"prompt":{{JsonSerializer.Serialize(prompt)}},"raw":true,"stream":true,"options":{{Options(settings, numPredict)}}}""";
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/generate", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/api/generate answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var firstMs = double.NaN;
        var lastMs = double.NaN;
        var chunks = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var now = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"The stream ended with an error: {error.GetString()}");
            }

            if (root.TryGetProperty("response", out var text) && text.GetString() is { Length: > 0 })
            {
                lastMs = now;
                if (chunks++ == 0)
                {
                    firstMs = now;
                }

                onText?.Invoke(chunks);
            }

            if (root.TryGetProperty("done", out var done) && done.GetBoolean())
            {
                return new RunTiming(settings.PromptTokens, root.GetProperty("eval_count").GetInt32(), firstMs, lastMs)
                {
                    LoadDurationMs = root.GetProperty("load_duration").GetInt64() / 1e6,
                    TextChunks = chunks,
                    DoneReason = root.TryGetProperty("done_reason", out var reason) ? reason.GetString() : null,
                };
            }
        }

        throw new InvalidOperationException("The stream ended without a final line.");
    }
}
