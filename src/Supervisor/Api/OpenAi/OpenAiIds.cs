namespace Oprel.Supervisor.Api.OpenAi;

/// <summary>The identifiers OpenAI's answers carry.</summary>
internal static class OpenAiIds
{
    /// <summary>The "system_fingerprint" of every completion.</summary>
    public const string SystemFingerprint = "fp_oprel";

    /// <summary>A fresh id such as <c>chatcmpl-…</c> or <c>cmpl-…</c>.</summary>
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Now, in Unix seconds, for "created".</summary>
    public static long Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().ToUnixTimeSeconds();
    }
}
