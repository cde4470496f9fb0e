using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Oprel.Bench;

/// <summary>
/// A streaming /api/generate call timed from the client: the time to the first non-empty "response" line and to the
/// last one, and the counts from the final line. Each call is a plain blocking HTTP/1.1 exchange on a thread of its
/// own, as a simple client would make it: the client's work per token stays small and off the server's thread pool
/// hops, so what the figures show is the server's. Connections are kept open between calls, as HTTP clients keep them.
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
    public static Task<RunTiming> GenerateAsync(
        Uri server, string model, string prompt, BenchSettings settings, int numPredict, Action<int>? onText, CancellationToken cancellationToken)
    {
        var body = $$"""{"model":{{JsonSerializer.Serialize(model)}},"prompt":{{JsonSerializer.Serialize(prompt)}},"raw":true,"stream":true,"options":{{Options(settings, numPredict)}}}""";
        var result = new TaskCompletionSource<RunTiming>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                result.SetResult(Generate(server, body, settings, onText, cancellationToken));
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                result.SetCanceled(cancellationToken);
            }
#pragma warning disable CA1031 // handed to the caller
            catch (Exception error)
#pragma warning restore CA1031
            {
                result.SetException(error);
            }
        })
        { IsBackground = true, Name = "bench-client" };
        thread.Start();
        return result.Task;
    }

    private static RunTiming Generate(Uri server, string body, BenchSettings settings, Action<int>? onText, CancellationToken cancellationToken)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"POST /api/generate HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {content.Length}\r\n\r\n"));
        byte[] request = [.. head, .. content];

        // A kept connection the server has closed since fails before any answer: that request goes again on a new
        // one. Once the answer has begun, nothing is sent again.
        if (KeptConnections.TakeIdle(server) is { } kept)
        {
            var sent = Stopwatch.GetTimestamp();
            var reader = new ChunkedResponseReader(kept);
            if (TrySend(kept, request, reader, cancellationToken) is { } status)
            {
                return Read(server, kept, reader, status, sent, settings, onText, cancellationToken);
            }

            kept.Dispose();
        }

        var started = Stopwatch.GetTimestamp();
        var socket = KeptConnections.Connect(server);
        var fresh = new ChunkedResponseReader(socket);
        try
        {
            socket.Send(request);
            var code = fresh.TryReadHead() ?? throw new InvalidOperationException("The server closed the connection without an answer.");
            return Read(server, socket, fresh, code, started, settings, onText, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends the request on a kept connection and reads the answer's head; null when the connection was closed.</summary>
    private static int? TrySend(Socket socket, byte[] request, ChunkedResponseReader reader, CancellationToken cancellationToken)
    {
        try
        {
            socket.Send(request);
            return reader.TryReadHead();
        }
        catch (SocketException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static RunTiming Read(
        Uri server, Socket socket, ChunkedResponseReader reader, int status, long started, BenchSettings settings, Action<int>? onText, CancellationToken cancellationToken)
    {
        var keep = false;
        try
        {
            using var closeOnCancel = cancellationToken.Register(socket.Dispose);
            var timing = ReadStream(reader, status, started, settings, onText);
            keep = reader.EndedCleanly && !cancellationToken.IsCancellationRequested;
            return timing;
        }
        finally
        {
            if (keep)
            {
                KeptConnections.Return(server, socket);
            }
            else
            {
                socket.Dispose();
            }
        }
    }

    private static RunTiming ReadStream(ChunkedResponseReader reader, int status, long started, BenchSettings settings, Action<int>? onText)
    {
        if (status != 200)
        {
            throw new InvalidOperationException($"/api/generate answered {status}: {Encoding.UTF8.GetString(reader.ReadToEnd())}");
        }

        var firstMs = double.NaN;
        var lastMs = double.NaN;
        var chunks = 0;
        var timestamps = new List<long>();
        while (reader.ReadLine() is { } line)
        {
            var timestamp = Stopwatch.GetTimestamp();
            var now = Stopwatch.GetElapsedTime(started, timestamp).TotalMilliseconds;
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"The stream ended with an error: {error.GetString()}");
            }

            if (root.TryGetProperty("response", out var text) && text.GetString() is { Length: > 0 })
            {
                lastMs = now;
                timestamps.Add(timestamp);
                if (chunks++ == 0)
                {
                    firstMs = now;
                }

                onText?.Invoke(chunks);
            }

            if (root.TryGetProperty("done", out var done) && done.GetBoolean())
            {
                reader.ReadToEnd();
                return new RunTiming(settings.PromptTokens, root.GetProperty("eval_count").GetInt32(), firstMs, lastMs)
                {
                    LoadDurationMs = root.GetProperty("load_duration").GetInt64() / 1e6,
                    PromptEvalMs = root.GetProperty("prompt_eval_duration").GetInt64() / 1e6,
                    TextChunks = chunks,
                    TextTimestamps = timestamps,
                    DoneReason = root.TryGetProperty("done_reason", out var reason) ? reason.GetString() : null,
                };
            }
        }

        throw new InvalidOperationException("The stream ended without a final line.");
    }
}
