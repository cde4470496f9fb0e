using System.Text.Json;
using Oprel.Json;

namespace Oprel.Rpc;

/// <summary>
/// The load request a supervisor hands the worker it starts, in the worker's environment, so that the worker starts
/// loading the model at once, while its pipe and JSON-RPC connection are still being set up (as llama-server takes its
/// model on the command line). The <see cref="IWorkerService.LoadAsync"/> call that follows gets that load.
/// </summary>
internal static class WorkerPreload
{
    public const string EnvironmentVariable = "OPREL_WORKER_PRELOAD";

    public static string Write(WorkerLoadRequest request) => JsonSerializer.Serialize(request, OprelJsonContext.Default.WorkerLoadRequest);

    /// <summary>The request in <paramref name="value"/>, or null when there is none or it cannot be read (then the worker just waits for LoadAsync).</summary>
    public static WorkerLoadRequest? Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(value, OprelJsonContext.Default.WorkerLoadRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
