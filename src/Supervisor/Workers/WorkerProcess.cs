using System.Diagnostics;
using System.IO.Pipes;
using Microsoft.Extensions.Logging;
using Oprel.Logging;
using Oprel.Rpc;
using Oprel.Supervisor.Hosting;
using Oprel.Supervisor.Telemetry;
using StreamJsonRpc;

namespace Oprel.Supervisor.Workers;

/// <summary>
/// One Oprel.Worker process, the JSON-RPC connection to it and the pipe its generations' chunks come back on. The
/// worker's own output goes to the supervisor's log; the worker exits by itself when this process dies.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly JsonRpc _rpc;
    private readonly Stream _tokens;
    private readonly ILogger _logger;
    private int _disposed;

    private WorkerProcess(Process process, JsonRpc rpc, Stream tokens, IWorkerService service, ILogger logger)
    {
        _process = process;
        _rpc = rpc;
        _tokens = tokens;
        Service = service;
        _logger = logger;
    }

    public IWorkerService Service { get; }

    public int ProcessId => _process.Id;

    /// <summary>Completes when the connection to the worker is gone (it exited, crashed or was killed).</summary>
    public Task Disconnected => _rpc.Completion;

    public bool HasExited => _process.HasExited;

    /// <summary>Describes how the process ended, for error messages.</summary>
    public string ExitDescription()
    {
        switch (KilledFor)
        {
            case WorkerKillReason.Unresponsive:
                return "stopped answering health pings and was killed";
            case WorkerKillReason.MemoryLimit:
                return "went past its memory limit and was killed";
            case WorkerKillReason.BrokenTokenPipe:
                return "sent its tokens in a form the supervisor could not read and was killed";
        }

        if (!_process.WaitForExit(TimeSpan.FromMilliseconds(500)))
        {
            return "stopped answering";
        }

        var code = _process.ExitCode;
        return code > 128 && !OperatingSystem.IsWindows() ? $"was killed by signal {code - 128}" : $"exited with code {code}";
    }

    /// <summary>
    /// Starts a worker for <paramref name="load"/>'s model, which it begins to load at once (the caller still sends
    /// the same request with LoadAsync, which returns when that load is done), and connects to it;
    /// <paramref name="instrument"/> wraps its RPC proxy (given the process id).
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(
        WorkerExecutable executable, WorkerLoadRequest load, ILogger logger, Func<IWorkerService, int, IWorkerService> instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(instrument);
        var modelName = load.ModelName;
        var pipeName = PipeNames.Worker(Environment.ProcessId);
        var start = new ProcessStartInfo(executable.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        // The worker logs what the supervisor would keep of its output, no more (the supervisor's level may come from elsewhere than the environment).
        start.Environment["OPREL_LOG_LEVEL"] = LogLevels.Name(LogLevels.MinimumEnabled(logger));
        start.Environment[WorkerPreload.EnvironmentVariable] = WorkerPreload.Write(load);

        // The worker's only asynchronous socket is its JSON-RPC pipe, whose handlers never block: reading it on the
        // socket engine's own thread saves a thread-pool wake-up per message, which on a small machine takes a core
        // from llama.cpp's threads.
        start.Environment.TryAdd(SocketThreading.InlineCompletionsVariable, "1");
        HugePageMalloc.Apply(start.Environment);
        OpenMpSpinning.Apply(start.Environment, load.Parallel);
        foreach (var argument in executable.LeadingArguments.Concat(["--pipe", pipeName, "--parent", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
        {
            throw new BackendException($"Could not start a worker process for '{modelName}'.");
        }

        var pid = process.Id;
        process.OutputDataReceived += (_, e) => Forward(logger, pid, e.Data, standardError: false);
        process.ErrorDataReceived += (_, e) => Forward(logger, pid, e.Data, standardError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(logger, modelName, pid);

        var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);

        // Read with blocking reads on a thread of its own (WorkerRpcClient), so it is never asynchronous.
        var tokens = new NamedPipeClientStream(".", PipeNames.WorkerTokens(pipeName), PipeDirection.In, PipeOptions.CurrentUserOnly);
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(ConnectTimeout);
            var exited = process.WaitForExitAsync(connect.Token);
            var connected = ConnectAsync(pipe, tokens, connect.Token);
            if (await Task.WhenAny(connected, exited) != connected)
            {
                await connect.CancelAsync();
                throw new BackendException($"The worker for '{modelName}' exited with code {process.ExitCode} before it was ready.");
            }

            await connected;
        }
        catch (Exception error)
        {
            await tokens.DisposeAsync();
            await pipe.DisposeAsync();
            Kill(process);
            process.Dispose();
            if (error is OperationCanceledException or IOException or TimeoutException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new BackendException($"The worker for '{modelName}' did not open its pipe within {ConnectTimeout.TotalSeconds:0} s.", error);
            }

            throw;
        }

        var rpc = RpcConnection.Create(pipe);
        var service = WorkerRpcClient.Attach(rpc, tokens, $"oprel-tokens-{pid}");
        var worker = new WorkerProcess(process, rpc, tokens, instrument(service, pid), logger);

        // A worker whose chunks can no longer be read cannot serve: its generations fail at once (WorkerRpcClient),
        // and it is killed, so that the pool reaps it and the next request starts a new one.
        _ = service.TokensEnded.ContinueWith(
            ended =>
            {
                LogTokenPipeBroken(logger, pid, ended.Exception!.InnerException!);
                worker.Kill(WorkerKillReason.BrokenTokenPipe);
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        rpc.StartListening();
        return worker;
    }

    /// <summary>Why the supervisor killed it, if it did.</summary>
    public WorkerKillReason KilledFor { get; private set; }

    /// <summary>Kills the worker at once (a memory blow-up, a hang); its requests fail with an error naming the reason.</summary>
    public void Kill(WorkerKillReason reason)
    {
        KilledFor = reason;
        Kill(_process);
    }

    /// <summary>Asks the worker to exit, and kills it if it does not within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Service.ShutdownAsync(timeout.Token);
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or ConnectionLostException or ObjectDisposedException or RemoteInvocationException)
            {
                LogForcedStop(_logger, _process.Id);
            }

            Kill(_process);
            try
            {
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed, but not yet reaped: the runtime reaps it when it exits.
            }
        }

        _rpc.Dispose();
        await _tokens.DisposeAsync();
        LogStopped(_logger, _process.Id);
        _process.Dispose();
    }

    /// <summary>Connects to both of a worker's pipes: its JSON-RPC pipe, then its token pipe.</summary>
    private static async Task ConnectAsync(NamedPipeClientStream pipe, NamedPipeClientStream tokens, CancellationToken cancellationToken)
    {
        await pipe.ConnectAsync(cancellationToken);
        await tokens.ConnectAsync(cancellationToken);
    }

    /// <summary>Sends the kill and returns: whoever needs the exit awaits it (this may run on a socket thread).</summary>
    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Forward(ILogger logger, int pid, string? line, bool standardError)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            var entry = WorkerLogLine.Parse(line, standardError);
            LogWorkerOutput(logger, entry.Level, pid, entry.Text);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Started worker {Pid} for {Model}")]
    private static partial void LogStarted(ILogger logger, string model, int pid);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Worker {Pid} stopped")]
    private static partial void LogStopped(ILogger logger, int pid);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Worker {Pid} did not stop when asked; killed it")]
    private static partial void LogForcedStop(ILogger logger, int pid);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "The token pipe of worker {Pid} broke; killing the worker")]
    private static partial void LogTokenPipeBroken(ILogger logger, int pid, Exception error);

    /// <summary>A line of the worker's own log, at the level the worker gave it.</summary>
    [LoggerMessage(EventId = 203, Message = "[worker {Pid}] {Line}")]
    private static partial void LogWorkerOutput(ILogger logger, LogLevel level, int pid, string line);
}
