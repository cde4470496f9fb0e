using Oprel.OllamaApi;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Api;

/// <summary>The loaded models in /api/ps's shape.</summary>
internal static class RunningModels
{
    public static OllamaProcessList List(WorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new OllamaProcessList(pool.Snapshot()
            .Select(m => new OllamaRunningModel
            {
                Name = m.Name,
                Model = m.Name,
                Size = m.Info.SizeBytes,
                SizeVram = m.Info.GpuLayers > 0 ? m.Info.SizeBytes : 0,
                ExpiresAt = (m.ExpiresAt ?? DateTimeOffset.UtcNow.AddMinutes(5)).UtcDateTime,
                ContextLength = m.Info.ContextSize,
                Pid = m.Worker.ProcessId,
                Processor = m.Info.Processor,
            })
            .ToArray());
    }
}
