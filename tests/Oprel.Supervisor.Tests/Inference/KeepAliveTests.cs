using System.Text.Json;
using Oprel.Supervisor.Inference;

namespace Oprel.Supervisor.Tests.Inference;

public sealed class KeepAliveTests
{
    [Theory]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("45s", 45)]
    [InlineData("1.5h", 5400)]
    [InlineData("300", 300)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    public void Parse_Durations_GiveTheirLength(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), KeepAlive.Parse(text));

    [Fact]
    public void Parse_Milliseconds_AreHonoured() => Assert.Equal(TimeSpan.FromMilliseconds(500), KeepAlive.Parse("500ms"));

    [Theory]
    [InlineData("-1")]
    [InlineData("-1m")]
    public void Parse_Negative_KeepsForever(string text) => Assert.Equal(KeepAlive.Forever, KeepAlive.Parse(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("10 minutes")]
    [InlineData("m")]
    [InlineData("")]
    public void Parse_Garbage_IsAValidationError(string text) => Assert.Throws<ValidationException>(() => KeepAlive.Parse(text));

    [Fact]
    public void Parse_JsonNumber_IsSeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(90), KeepAlive.Parse(JsonDocument.Parse("90").RootElement));

    [Fact]
    public void Parse_JsonNullOrMissing_IsNull()
    {
        Assert.Null(KeepAlive.Parse((JsonElement?)null));
        Assert.Null(KeepAlive.Parse(JsonDocument.Parse("null").RootElement));
    }

    [Fact]
    public void Parse_JsonObject_IsAValidationError() =>
        Assert.Throws<ValidationException>(() => KeepAlive.Parse(JsonDocument.Parse("{}").RootElement));
}
