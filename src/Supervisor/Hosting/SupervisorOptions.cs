using System.Globalization;

namespace Oprel.Supervisor.Hosting;

/// <summary>The supervisor's own settings, from OPREL_* environment variables.</summary>
internal sealed record SupervisorOptions
{
    /// <summary>How long an idle model stays loaded when a request does not say (OPREL_KEEP_ALIVE, default 5m).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sequences of one model that decode together (OPREL_NUM_PARALLEL, default 1).</summary>
    public int NumParallel { get; init; } = 1;

    /// <summary>Models loaded at once; loading one more evicts the least recently used idle one (OPREL_MAX_LOADED_MODELS, default 3).</summary>
    public int MaxLoadedModels { get; init; } = 3;

    /// <summary>Requests per model that may wait beyond those being served; more get 503 (OPREL_MAX_QUEUE, default 512).</summary>
    public int MaxQueue { get; init; } = 512;

    /// <summary>How often each worker is pinged (OPREL_HEALTH_INTERVAL, default 5s); one that misses two pings in a row is killed.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Crashes of one model within <see cref="CrashWindow"/> after which it is not restarted automatically.</summary>
    public int CrashLimit { get; init; } = 3;

    public TimeSpan CrashWindow { get; init; } = TimeSpan.FromMinutes(1);

    public static SupervisorOptions FromEnvironment() => new()
    {
        KeepAlive = Read("OPREL_KEEP_ALIVE", KeepAliveParser, TimeSpan.FromMinutes(5)),
        NumParallel = Read("OPREL_NUM_PARALLEL", text => Number(text, 1, 64), 1),
        MaxLoadedModels = Read("OPREL_MAX_LOADED_MODELS", text => Number(text, 1, 64), 3),
        MaxQueue = Read("OPREL_MAX_QUEUE", text => Number(text, 0, 1_000_000), 512),
        HealthInterval = Read("OPREL_HEALTH_INTERVAL", text => Oprel.Supervisor.Inference.KeepAlive.Parse(text) is { } interval && interval > TimeSpan.Zero ? interval : throw Invalid(text), TimeSpan.FromSeconds(5)),
    };

    private static TimeSpan KeepAliveParser(string text) => Oprel.Supervisor.Inference.KeepAlive.Parse(text);

    private static T Read<T>(string variable, Func<string, T> parse, T fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (ValidationException error)
        {
            throw new ValidationException($"{variable}: {error.Message}", error);
        }
    }

    private static int Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ValidationException($"must be a number from {min} to {max}, not '{text}'");

    private static ValidationException Invalid(string text) => new($"'{text}' is not a positive duration");
}
