using System.Security.Cryptography;

namespace Oprel.Tests.HuggingFace;

/// <summary>A file of a fake repository; <see cref="ListedSha256"/> is what the file list claims (the real hash unless a test lies).</summary>
public sealed record FakeFile(string Path, byte[] Content)
{
    public string ListedSha256 { get; init; } = Convert.ToHexStringLower(SHA256.HashData(Content));

    public string RealSha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}
