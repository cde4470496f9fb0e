namespace Oprel.Supervisor.Api.Security;

/// <summary>
/// Which browser origins may call the API (CORS), like OLLAMA_ORIGINS: local origins always, plus the comma-separated
/// entries of OPREL_ORIGINS, where "*" allows any origin and "http://host:*" any port of a host.
/// </summary>
internal sealed class OriginPolicy
{
    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]"];
    private static readonly string[] AppSchemes = ["app", "file", "tauri", "vscode-webview"];
    private readonly string[] _patterns;

    public OriginPolicy(string? configured)
    {
        var local = LocalHosts.SelectMany(host => new[] { $"http://{host}", $"https://{host}", $"http://{host}:*", $"https://{host}:*" });
        var apps = AppSchemes.Select(scheme => $"{scheme}://*");
        var extra = (configured ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _patterns = [.. local, .. apps, .. extra];
    }

    public static OriginPolicy FromEnvironment() => new(Environment.GetEnvironmentVariable("OPREL_ORIGINS"));

    public bool IsAllowed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return _patterns.Any(pattern => Matches(pattern, origin.TrimEnd('/')));
    }

    private static bool Matches(string pattern, string origin)
    {
        if (pattern == "*")
        {
            return true;
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase);
        }

        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        if (!origin.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !origin.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            || origin.Length < prefix.Length + suffix.Length)
        {
            return false;
        }

        // A "*" after "host:" stands for a port: digits only, so "http://localhost:*" does not allow "http://localhost:1@evil.example".
        var wildcard = origin[prefix.Length..^suffix.Length];
        return !prefix.EndsWith(':') || (wildcard.Length > 0 && wildcard.All(char.IsAsciiDigit));
    }
}
