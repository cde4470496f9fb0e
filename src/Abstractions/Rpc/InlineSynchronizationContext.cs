namespace Oprel.Rpc;

/// <summary>
/// Runs what is posted to it at once, on the posting thread. Given to a connection whose inbound handlers are short
/// and never block (the worker's end of its JSON-RPC pipe), it lets each message be handled by the thread that read it
/// instead of waking another one per message.
/// </summary>
internal sealed class InlineSynchronizationContext : SynchronizationContext
{
    public static InlineSynchronizationContext Instance { get; } = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        d(state);
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
