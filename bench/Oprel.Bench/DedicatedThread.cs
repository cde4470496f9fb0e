using System.Collections.Concurrent;

namespace Oprel.Bench;

/// <summary>
/// One long-lived thread that runs the work it is given, in order: a synchronous program's main thread. llama.cpp's
/// OpenMP runtime keeps a team of helper threads per calling thread, so the reference loop always calls from the same one.
/// </summary>
internal sealed class DedicatedThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public DedicatedThread(string name)
    {
        _thread = new Thread(() =>
        {
            foreach (var work in _work.GetConsumingEnumerable())
            {
                work();
            }
        })
        { IsBackground = true, Name = name };
        _thread.Start();
    }

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                result.SetResult(work());
            }
#pragma warning disable CA1031 // handed to the caller
            catch (Exception error)
#pragma warning restore CA1031
            {
                result.SetException(error);
            }
        });
        return result.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}
