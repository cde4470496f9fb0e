using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Oprel.Store;

/// <summary>Content addresses: <c>sha256:&lt;64 lower-case hex digits&gt;</c>.</summary>
internal static partial class BlobDigest
{
    public const string Prefix = "sha256:";

    /// <summary>The canonical digest for <paramref name="text"/> (<c>sha256:HEX</c>, <c>sha256-HEX</c> or bare hex, any case).</summary>
    /// <exception cref="ValidationException">It is not a sha256 digest.</exception>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        return match.Success
            ? Prefix + match.Groups["hex"].Value.ToLowerInvariant()
            : throw new ValidationException($"'{text}' is not a sha256 digest (sha256:<64 hex digits>).");
    }

    /// <summary>The 64 hex digits of a canonical digest.</summary>
    public static string Hex(string digest) => Normalize(digest)[Prefix.Length..];

    public static string FromHash(byte[] hash) => Prefix + Convert.ToHexStringLower(hash);

    public static IncrementalHash CreateHash() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    [GeneratedRegex("^(?:sha256[:-])?(?<hex>[0-9A-Fa-f]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
