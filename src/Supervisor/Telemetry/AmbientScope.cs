using System.Diagnostics;

namespace Oprel.Supervisor.Telemetry;

/// <summary>
/// Makes a span and a tracked request current for one step of a stream, and restores what was current after it.
/// An async iterator resumes in its consumer's context at every step, so the stream's own context is set again
/// around each <c>MoveNextAsync</c> of the stream it wraps.
/// </summary>
internal readonly struct AmbientScope : IDisposable
{
    private readonly Activity? _previousActivity;
    private readonly TrackedRequest? _previousRequest;
    private readonly bool _active;

    private AmbientScope(Activity? span, TrackedRequest? request)
    {
        _previousActivity = Activity.Current;
        _previousRequest = TrackedRequest.Current;
        _active = true;
        if (span is not null)
        {
            Activity.Current = span;
        }

        if (request is not null)
        {
            TrackedRequest.Current = request;
        }
    }

    public static AmbientScope Enter(Activity? span, TrackedRequest? request = null) => new(span, request);

    public void Dispose()
    {
        if (_active)
        {
            Activity.Current = _previousActivity;
            TrackedRequest.Current = _previousRequest;
        }
    }
}
