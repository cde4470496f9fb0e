namespace Oprel.Supervisor.Cli;

/// <summary>
/// Ctrl+C for the client commands: while an operation runs (an answer streaming, a server starting), Ctrl+C cancels it;
/// at other times it ends the process as usual (the chat prompt).
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _operation;
    private bool _interrupted;

    public ConsoleInterrupt() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>True when Ctrl+C cancelled the last operation.</summary>
    public bool Interrupted
    {
        get
        {
            lock (_lock)
            {
                return _interrupted;
            }
        }
    }

    /// <summary>Starts an operation that Ctrl+C cancels: the returned token fires on Ctrl+C or with <paramref name="cancellationToken"/>.</summary>
    public CancellationToken Begin(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _operation?.Dispose();
            _operation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _interrupted = false;
            return _operation.Token;
        }
    }

    /// <summary>Ends the operation: Ctrl+C ends the process again.</summary>
    public void End()
    {
        lock (_lock)
        {
            _operation?.Dispose();
            _operation = null;
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        End();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        CancellationTokenSource? operation;
        lock (_lock)
        {
            operation = _operation;
            _interrupted = operation is not null;
        }

        if (operation is null)
        {
            // At a prompt: let Ctrl+C end the process, on a line of its own.
            Console.Out.WriteLine();
            return;
        }

        e.Cancel = true;
        try
        {
            operation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The operation ended meanwhile: nothing left to cancel.
        }
    }
}
