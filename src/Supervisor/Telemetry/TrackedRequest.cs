using System.Diagnostics;
using Oprel.Telemetry;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// The request this async flow serves, for the request metrics: the HTTP middleware or the pipe wrapper sets it, and
/// the generation code names the model once it is resolved (<see cref="SetModel"/>).
/// </summary>
internal sealed class TrackedRequest(string endpoint)
{
    private static readonly AsyncLocal<TrackedRequest?> CurrentRequest = new();

    public static TrackedRequest? Current
    {
        get => CurrentRequest.Value;
        set => CurrentRequest.Value = value;
    }

    /// <summary>The route ("/api/generate") or pipe method ("pipe/generate").</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>The resolved model name ("tiny:latest"), once known; requests that fail before stay unlabelled.</summary>
    public string? Model { get; private set; }

    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp);

    /// <summary>Labels the current request (and its span) with the model it is for.</summary>
    public static void SetModel(string model)
    {
        Current?.Model = model;
        Activity.Current?.SetTag(GenAiTags.RequestModel, model);
    }
}
