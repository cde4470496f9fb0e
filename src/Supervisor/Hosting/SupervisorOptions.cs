using System.Globalization;

namespace Oprel.Supervisor.Hosting;

/// <summary>The supervisor's own settings, from OPREL_KEEP_ALIVE and OPREL_NUM_PARALLEL.</summary>
internal sealed record SupervisorOptions
{
    /// <summary>How long an idle model stays loaded when a request does not say (OPREL_KEEP_ALIVE, default 5m).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sequences of one model that decode together (OPREL_NUM_PARALLEL, default 1).</summary>
    public int NumParallel { get; init; } = 1;

    public static SupervisorOptions FromEnvironment()
    {
        var options = new SupervisorOptions();
        if (Environment.GetEnvironmentVariable("OPREL_KEEP_ALIVE") is { Length: > 0 } keepAlive)
        {
            options = options with { KeepAlive = Inference.KeepAlive.Parse(keepAlive) };
        }

        if (Environment.GetEnvironmentVariable("OPREL_NUM_PARALLEL") is { Length: > 0 } parallelText)
        {
            options = options with
            {
                NumParallel = int.TryParse(parallelText, NumberStyles.None, CultureInfo.InvariantCulture, out var parallel) && parallel is > 0 and <= 64
                    ? parallel
                    : throw new ValidationException($"OPREL_NUM_PARALLEL must be a number from 1 to 64, not '{parallelText}'."),
            };
        }

        return options;
    }
}
