using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Oprel.Tests.HuggingFace;

/// <summary>
/// A fake Hugging Face hub on 127.0.0.1 (Kestrel, a free port): the file list API, resolve/main (a 302 to a "CDN"
/// path that serves bytes with Range support), and the model search. Tests add repositories, gate them behind a
/// token, drop a transfer half way, slow transfers down, and read back the requests it saw.
/// </summary>
public sealed class FakeHuggingFaceServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<FakeFile>> _repositories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _dropOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Delay between 64 KiB chunks of a file, to keep transfers under way long enough to overlap.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>When false, Range headers are ignored and every download is the whole file (200).</summary>
    public bool HonoursRange { get; set; } = true;

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public static async Task<FakeHuggingFaceServer> StartAsync()
    {
        var server = new FakeHuggingFaceServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/api/models", server.SearchAsync);
        app.MapGet("/api/models/{owner}/{repo}/tree/main", server.TreeAsync);
        app.MapGet("/{owner}/{repo}/resolve/main/{**file}", server.Resolve);
        app.MapGet("/cdn/{owner}/{repo}/{**file}", server.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        server._app = app;
        return server;
    }

    public void AddRepository(string repository, params FakeFile[] files) => _repositories[repository] = files;

    /// <summary>Downloads of this repository's files need this bearer token (a gated repository).</summary>
    public void Gate(string repository, string token) => _tokens[repository] = token;

    /// <summary>The next whole-file download of <paramref name="path"/> stops (the connection is aborted) after <paramref name="bytes"/> bytes.</summary>
    public void DropOnce(string path, long bytes) => _dropOnce[path] = bytes;

    public int CountRequests(Func<FakeRequest, bool> predicate) => _requests.Count(predicate);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private void Record(HttpContext context) => _requests.Enqueue(new FakeRequest(
        context.Request.Method,
        context.Request.Path.Value + context.Request.QueryString.Value,
        context.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null,
        context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null));

    private async Task SearchAsync(HttpContext context)
    {
        Record(context);
        var query = context.Request.Query["search"].ToString();
        var limit = int.TryParse(context.Request.Query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 20;
        var results = new JsonArray();
        foreach (var name in _repositories.Keys.Where(r => r.Contains(query, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(limit))
        {
            results.Add(new JsonObject { ["id"] = name, ["downloads"] = 1234, ["likes"] = 5, ["tags"] = new JsonArray("gguf") });
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(results.ToJsonString());
    }

    private async Task TreeAsync(HttpContext context, string owner, string repo)
    {
        Record(context);
        if (!_repositories.TryGetValue($"{owner}/{repo}", out var files))
        {
            context.Response.StatusCode = 404;
            context.Response.Headers["X-Error-Code"] = "RepoNotFound";
            await context.Response.WriteAsync("""{"error":"Repository not found"}""");
            return;
        }

        var entries = new JsonArray();
        entries.Add(new JsonObject { ["type"] = "file", ["path"] = "README.md", ["size"] = 12 });
        foreach (var file in files)
        {
            entries.Add(new JsonObject
            {
                ["type"] = "file",
                ["path"] = file.Path,
                ["size"] = file.Content.Length,
                ["lfs"] = new JsonObject { ["oid"] = file.ListedSha256, ["size"] = file.Content.Length, ["pointerSize"] = 134 },
            });
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(entries.ToJsonString());
    }

    private IResult Resolve(HttpContext context, string owner, string repo, string file)
    {
        Record(context);
        var repository = $"{owner}/{repo}";
        if (!_repositories.TryGetValue(repository, out var files))
        {
            context.Response.Headers["X-Error-Code"] = "RepoNotFound";
            return Results.StatusCode(404);
        }

        if (_tokens.TryGetValue(repository, out var token))
        {
            var auth = context.Request.Headers.Authorization.ToString();
            if (auth.Length == 0)
            {
                context.Response.Headers["X-Error-Code"] = "GatedRepo";
                return Results.StatusCode(401);
            }

            if (auth != $"Bearer {token}")
            {
                context.Response.Headers["X-Error-Code"] = "GatedRepo";
                return Results.StatusCode(403);
            }
        }

        if (!files.Any(f => f.Path == file))
        {
            context.Response.Headers["X-Error-Code"] = "EntryNotFound";
            return Results.StatusCode(404);
        }

        return Results.Redirect($"/cdn/{owner}/{repo}/{file}?signature=fake");
    }

    private async Task ServeAsync(HttpContext context, string owner, string repo, string file)
    {
        Record(context);
        var content = _repositories[$"{owner}/{repo}"].First(f => f.Path == file).Content;
        long start = 0;
        long end = content.Length - 1;
        var range = context.Request.Headers.Range.ToString();
        if (HonoursRange && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var parts = range["bytes=".Length..].Split('-');
            start = long.Parse(parts[0], CultureInfo.InvariantCulture);
            if (parts[1].Length > 0)
            {
                end = Math.Min(end, long.Parse(parts[1], CultureInfo.InvariantCulture));
            }

            if (start >= content.Length)
            {
                context.Response.StatusCode = 416;
                return;
            }

            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{end}/{content.Length}";
        }

        var length = end - start + 1;
        context.Response.ContentLength = length;
        context.Response.ContentType = "application/octet-stream";
        long? dropAfter = start == 0 && _dropOnce.TryRemove(file, out var drop) ? drop : null;
        var sent = 0L;
        while (sent < length)
        {
            var chunk = (int)Math.Min(64 * 1024, length - sent);
            if (dropAfter is { } limit && sent + chunk >= limit)
            {
                chunk = (int)(limit - sent);
                await context.Response.Body.WriteAsync(content.AsMemory((int)(start + sent), chunk));
                await context.Response.Body.FlushAsync();
                await Task.Delay(50);
                context.Abort();
                return;
            }

            await context.Response.Body.WriteAsync(content.AsMemory((int)(start + sent), chunk), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            sent += chunk;
            if (ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, context.RequestAborted);
            }
        }
    }
}
