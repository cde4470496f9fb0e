using Microsoft.Extensions.Hosting;
using Oprel.OllamaApi;
using Oprel.Rpc;
using Oprel.Supervisor.Api;
using Oprel.Supervisor.Inference;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Hosting;

/// <summary>The supervisor's side of <see cref="ISupervisorService"/> on its named pipe; errors cross as codes.</summary>
internal sealed class SupervisorService(GenerationService generation, WorkerPool pool, IHostApplicationLifetime lifetime) : ISupervisorService
{
    public Task<string> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult(SupervisorVersion.Current);

    public IAsyncEnumerable<OllamaGenerateResponse> GenerateAsync(OllamaGenerateRequest request, CancellationToken cancellationToken) =>
        WithErrorCodes(generation.GenerateAsync(request, cancellationToken), cancellationToken);

    public IAsyncEnumerable<OllamaChatResponse> ChatAsync(OllamaChatRequest request, CancellationToken cancellationToken) =>
        WithErrorCodes(generation.ChatAsync(request, cancellationToken), cancellationToken);

    public Task<OllamaProcessList> ListRunningAsync(CancellationToken cancellationToken) => Task.FromResult(RunningModels.List(pool));

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        // Answer first, then stop: the caller sees success and watches the port go quiet.
        _ = Task.Run(async () =>
        {
            await Task.Delay(100, CancellationToken.None);
            lifetime.StopApplication();
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private static async IAsyncEnumerable<T> WithErrorCodes<T>(IAsyncEnumerable<T> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (OprelException error)
            {
                throw RpcErrors.ToRpc(error);
            }

            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }
}
