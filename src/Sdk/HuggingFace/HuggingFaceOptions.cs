namespace Oprel.HuggingFace;

/// <summary>Where Hugging Face is and how to sign in.</summary>
/// <param name="Endpoint">The hub, or a mirror of it (OPREL_HF_ENDPOINT, default https://huggingface.co).</param>
/// <param name="Token">An access token for gated and private repositories (HF_TOKEN), or null.</param>
internal sealed record HuggingFaceOptions(Uri Endpoint, string? Token)
{
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co/");

    /// <summary>Reads OPREL_HF_ENDPOINT and HF_TOKEN (or HUGGING_FACE_HUB_TOKEN).</summary>
    /// <exception cref="ValidationException">OPREL_HF_ENDPOINT is not an http(s) address.</exception>
    public static HuggingFaceOptions FromEnvironment()
    {
        var endpoint = DefaultEndpoint;
        if (Environment.GetEnvironmentVariable("OPREL_HF_ENDPOINT") is { Length: > 0 } text)
        {
            endpoint = Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new ValidationException($"OPREL_HF_ENDPOINT must be an http(s) address, not '{text}'.");
        }

        var token = Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } hfToken
            ? hfToken
            : Environment.GetEnvironmentVariable("HUGGING_FACE_HUB_TOKEN") is { Length: > 0 } hubToken ? hubToken : null;
        return new HuggingFaceOptions(endpoint, token?.Trim());
    }
}
