using Oprel.Supervisor.Api.Security;

namespace Oprel.Supervisor.Tests.Api;

public sealed class OriginPolicyTests
{
    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:3000")]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("app://obsidian.md")]
    [InlineData("tauri://localhost")]
    public void IsAllowed_LocalOriginsByDefault(string origin) => Assert.True(new OriginPolicy(null).IsAllowed(origin));

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("http://localhost:1@evil.example")]
    [InlineData("http://localhost.evil.example")]
    public void IsAllowed_OtherOriginsNotByDefault(string origin) => Assert.False(new OriginPolicy(null).IsAllowed(origin));

    [Fact]
    public void IsAllowed_ConfiguredOrigins_AreAdded()
    {
        var policy = new OriginPolicy("https://chat.example.com, http://intranet:*");
        Assert.True(policy.IsAllowed("https://chat.example.com"));
        Assert.True(policy.IsAllowed("http://intranet:8080"));
        Assert.False(policy.IsAllowed("https://other.example.com"));
    }

    [Fact]
    public void IsAllowed_Star_AllowsAnything() => Assert.True(new OriginPolicy("*").IsAllowed("https://anything.example"));
}
