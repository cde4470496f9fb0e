using Oprel.OllamaApi;
using Oprel.Rpc;

namespace Oprel.Supervisor.Tests.Cli;

/// <summary>A supervisor pipe endpoint that only records a shutdown request.</summary>
internal sealed class FakeSupervisor : ISupervisorService
{
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task ShutdownRequested => _shutdown.Task;

    public Task<string> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult("0.1.0");

    public IAsyncEnumerable<OllamaGenerateResponse> GenerateAsync(OllamaGenerateRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<OllamaChatResponse> ChatAsync(OllamaChatRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<OllamaProcessList> ListRunningAsync(CancellationToken cancellationToken) => Task.FromResult(new OllamaProcessList([]));

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        _shutdown.TrySetResult();
        return Task.CompletedTask;
    }
}
