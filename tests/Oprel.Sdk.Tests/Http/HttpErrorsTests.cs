using System.Net;
using Oprel.Http;

namespace Oprel.Sdk.Tests.Http;

public sealed class HttpErrorsTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, typeof(ValidationException))]
    [InlineData(HttpStatusCode.NotFound, typeof(ModelNotFoundException))]
    [InlineData(HttpStatusCode.InsufficientStorage, typeof(MemoryLimitException))]
    [InlineData(HttpStatusCode.BadGateway, typeof(DownloadException))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(BackendException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(BackendException))]
    public void FromStatus_MapsToTheSeedsExceptions(HttpStatusCode status, Type expected)
    {
        var error = HttpErrors.FromStatus(status, """{"error":"what went wrong"}""");
        Assert.IsType(expected, error);
        Assert.Equal("what went wrong", error.Message);
    }

    [Fact]
    public void FromStatus_BodyWithoutError_NamesTheStatus() =>
        Assert.Contains("500", HttpErrors.FromStatus(HttpStatusCode.InternalServerError, "oops").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("{\"error\":\"x\"}", "x")]
    [InlineData("{\"response\":\"x\"}", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void MessageOf_FindsOnlyErrorObjects(string json, string? expected) => Assert.Equal(expected, HttpErrors.MessageOf(json));

    [Theory]
    [InlineData("/generate", "api/generate")]
    [InlineData("/api/chat", "api/chat")]
    [InlineData("v1/models", "v1/models")]
    public void ApiPath_SeedStylePaths_GetTheApiPrefix(string endpoint, string expected) => Assert.Equal(expected, OprelHttpClient.ApiPath(endpoint));
}
