namespace Oprel.HuggingFace;

/// <summary>A file of a repository, as its file list gives it.</summary>
/// <param name="Path">Its path in the repository.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of an LFS file, or null for a file kept in git.</param>
internal sealed record HuggingFaceFile(string Path, long Size, string? Sha256);
