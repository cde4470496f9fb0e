namespace Oprel.Tests.HuggingFace;

/// <summary>A request the fake hub saw.</summary>
public sealed record FakeRequest(string Method, string Path, string? Range, string? Authorization);
