using System.Net;
using Oprel.Supervisor.Tests.EndToEnd;

namespace Oprel.Supervisor.Tests.Api;

/// <summary>OPREL_API_KEY and OPREL_ORIGINS on a real server.</summary>
public sealed class SecurityEndToEndTests
{
    [Fact]
    public async Task ApiKey_RequiredEverywhereButRootAndVersion()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_API_KEY"] = "s3cret" });

        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/version")).StatusCode);

        using var anonymous = await server.Http.GetAsync("/api/ps");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("unauthorized", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/ps") { Headers = { { "Authorization", "Bearer nope" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/ps") { Headers = { { "Authorization", "Bearer s3cret" } } };
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task Cors_AllowedOriginGetsHeaders_OthersDoNot()
    {
        await using var server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["OPREL_ORIGINS"] = "https://chat.example.com" });

        using var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/chat")
        {
            Headers = { { "Origin", "https://chat.example.com" }, { "Access-Control-Request-Method", "POST" } },
        };
        using var allowedResponse = await server.Http.SendAsync(allowed);
        Assert.Equal("https://chat.example.com", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var denied = new HttpRequestMessage(HttpMethod.Options, "/api/chat")
        {
            Headers = { { "Origin", "https://evil.example" }, { "Access-Control-Request-Method", "POST" } },
        };
        using var deniedResponse = await server.Http.SendAsync(denied);
        Assert.False(deniedResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
