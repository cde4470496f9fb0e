namespace Oprel.Rpc;

/// <summary>
/// The supervisor's end of a worker's token pipe: a thread of its own that blocks in read and hands each chunk to
/// <c>deliver</c> on that same thread, so a token costs one wake-up in the supervisor, whoever then writes it out.
/// </summary>
internal static class TokenFrameReader
{
    /// <summary>
    /// Starts reading <paramref name="source"/> until it ends; the task completes then, or faults with the reason the
    /// reading stopped early (a broken pipe, a malformed frame).
    /// </summary>
    public static Task Start(Stream source, Action<long, string> deliver, string threadName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(deliver);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Pump(source, deliver);
                completion.SetResult();
            }
#pragma warning disable CA1031 // handed to whoever watches the pipe
            catch (Exception error)
#pragma warning restore CA1031
            {
                completion.SetException(error);
            }
        })
        { IsBackground = true, Name = threadName };
        thread.Start();
        return completion.Task;
    }

    private static void Pump(Stream source, Action<long, string> deliver)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read;
            try
            {
                read = source.Read(buffer, filled, buffer.Length - filled);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            filled += read;
            var start = 0;
            int size;
            while ((size = TokenFrame.TryDecode(buffer.AsSpan(start, filled - start), out var stream, out var text)) > 0)
            {
                deliver(stream, text);
                start += size;
            }

            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
        }
    }
}
