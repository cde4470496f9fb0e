using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Oprel.Models;
using Oprel.OllamaApi;
using Oprel.Planning;
using Oprel.Rpc;
using Oprel.Supervisor.Hosting;
using Oprel.Supervisor.Inference.Tools;
using Oprel.Supervisor.Telemetry;
using Oprel.Supervisor.Workers;

namespace Oprel.Supervisor.Inference;

/// <summary>
/// Serves /api/generate and /api/chat (and the same calls on the named pipe): checks the request, finds the model,
/// gets its worker from the pool and streams the worker's answer in Ollama's shape. Errors before the first chunk
/// are the seed's exceptions, so the HTTP layer can answer 400/404 instead of starting a stream.
/// </summary>
internal sealed class GenerationService(WorkerPool pool, ModelResolver resolver, ModelLoadPlanner planner, Config config, SupervisorOptions options)
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    public async IAsyncEnumerable<OllamaGenerateResponse> GenerateAsync(OllamaGenerateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var modelName = RequireModel(request.Model);
        RejectImages(request.Images, modelName);
        SamplingMapper.Map(request.Options, request.Format); // bad options fail before any model is resolved or pulled
        var keepAlive = KeepAlive.Parse(request.KeepAlive);
        var model = await resolver.ResolveAsync(modelName, request.Options?.MaxMemoryMb, cancellationToken);
        TrackedRequest.SetModel(model.Name);

        if (string.IsNullOrEmpty(request.Prompt))
        {
            var reason = await LoadOrUnloadAsync(model, request.Options, keepAlive, cancellationToken);
            yield return new OllamaGenerateResponse { Model = modelName, CreatedAt = DateTime.UtcNow, Done = true, DoneReason = reason };
            yield break;
        }

        var modelOptions = ModelDefaults.Options(model.Manifest?.Parameters, request.Options);
        var generation = new GenerationRequest
        {
            Prompt = request.Prompt,
            System = request.System ?? model.Manifest?.System,
            Raw = request.Raw ?? false,
            Sampling = SamplingMapper.Map(modelOptions, request.Format),
            // A request's own template (Jinja, like the model's) wins over a created model's TEMPLATE.
            Template = request.Template is { Length: > 0 } own ? own : model.Manifest?.Template,
        };
        await foreach (var (chunk, loadDuration, _) in RunAsync(model, modelOptions, keepAlive, generation, cancellationToken))
        {
            yield return chunk.Done
                ? WithStats(new OllamaGenerateResponse { Model = modelName, CreatedAt = DateTime.UtcNow, Response = chunk.Text }, chunk, started, loadDuration)
                : new OllamaGenerateResponse { Model = modelName, CreatedAt = DateTime.UtcNow, Response = chunk.Text };
        }
    }

    public async IAsyncEnumerable<OllamaChatResponse> ChatAsync(OllamaChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var modelName = RequireModel(request.Model);
        var turns = CheckMessages(request.Messages, modelName);
        var tools = ToolDefinitions.Check(request.Tools);
        SamplingMapper.Map(request.Options, request.Format); // bad options fail before any model is resolved or pulled
        var keepAlive = KeepAlive.Parse(request.KeepAlive);
        var model = await resolver.ResolveAsync(modelName, request.Options?.MaxMemoryMb, cancellationToken);
        TrackedRequest.SetModel(model.Name);

        if (turns.Count == 0)
        {
            var reason = await LoadOrUnloadAsync(model, request.Options, keepAlive, cancellationToken);
            yield return new OllamaChatResponse { Model = modelName, CreatedAt = DateTime.UtcNow, Message = Assistant(""), Done = true, DoneReason = reason };
            yield break;
        }

        var modelOptions = ModelDefaults.Options(model.Manifest?.Parameters, request.Options);
        var generation = new GenerationRequest
        {
            Messages = ModelDefaults.WithSystem(turns, model.Manifest?.System),
            ToolsJson = tools?.Json,
            Sampling = SamplingMapper.Map(modelOptions, request.Format),
            Template = model.Manifest?.Template,
        };
        ToolCallBuffer? toolCalls = null;
        await foreach (var (chunk, loadDuration, info) in RunAsync(model, modelOptions, keepAlive, generation, cancellationToken))
        {
            var message = Assistant(chunk.Text);
            if (tools is not null)
            {
                // An answer that may be a tool call is held back and parsed at the end, in the model's own format.
                toolCalls ??= new ToolCallBuffer(ToolCallParser.ForTemplate(generation.Template ?? info.ChatTemplate, tools.Names));
                message = ToolCallMessage(toolCalls, chunk);
                if (!chunk.Done && message.Content is { Length: 0 })
                {
                    continue;
                }
            }

            var response = new OllamaChatResponse { Model = modelName, CreatedAt = DateTime.UtcNow, Message = message };
            yield return chunk.Done ? WithStats(response, chunk, started, loadDuration) with { DoneReason = message.ToolCalls is null ? chunk.DoneReason : "stop" } : response;
        }
    }

    /// <summary>The message for a chunk of an answer to a request with tools; the last one carries the calls the model wrote.</summary>
    private static OllamaMessage ToolCallMessage(ToolCallBuffer buffer, GenerationChunk chunk)
    {
        var text = buffer.Push(chunk.Text);
        if (!chunk.Done)
        {
            return Assistant(text);
        }

        var parsed = buffer.Finish();
        return parsed.Calls.Count == 0
            ? Assistant(text + parsed.Content)
            : Assistant(text + parsed.Content) with { ToolCalls = OllamaToolCalls.Write(parsed.Calls) };
    }

    /// <summary>Embeds the request's input (a string or an array of strings) with the model's worker.</summary>
    public async Task<OllamaEmbedResponse> EmbedAsync(OllamaEmbedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var modelName = RequireModel(request.Model);
        var inputs = EmbeddingInputs(request);
        var keepAlive = KeepAlive.Parse(request.KeepAlive);
        var model = await resolver.ResolveAsync(modelName, request.Options?.MaxMemoryMb, cancellationToken);
        TrackedRequest.SetModel(model.Name);
        var lease = await pool.AcquireAsync(model.Name, await LoadSettingsAsync(model, request.Options, cancellationToken), cancellationToken);
        await using (lease)
        {
            lease.KeepAlive = keepAlive ?? options.KeepAlive;
            if (inputs.Count == 0)
            {
                return new OllamaEmbedResponse { Model = modelName, Embeddings = [], LoadDuration = (long)lease.LoadDuration.TotalNanoseconds };
            }

            EmbeddingResult result;
            try
            {
                result = await lease.Model.Worker.Service.EmbedAsync(new EmbeddingRequest(inputs, request.Truncate ?? true), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw WorkerErrors.Map(error, model.Name, lease.Model.Worker);
            }

            return new OllamaEmbedResponse
            {
                Model = modelName,
                Embeddings = result.Embeddings,
                TotalDuration = (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds,
                LoadDuration = (long)lease.LoadDuration.TotalNanoseconds,
                PromptEvalCount = result.PromptTokens,
            };
        }
    }

    private static List<string> EmbeddingInputs(OllamaEmbedRequest request)
    {
        if (request.Input is not { } input || input.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return request.Prompt is { Length: > 0 } prompt ? [prompt] : [];
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return [input.GetString()!];
        }

        if (input.ValueKind == JsonValueKind.Array && input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            return input.EnumerateArray().Select(e => e.GetString()!).ToList();
        }

        throw new ValidationException("input must be a string or an array of strings");
    }

    private async IAsyncEnumerable<(GenerationChunk Chunk, TimeSpan LoadDuration, WorkerModelInfo Info)> RunAsync(
        ResolvedModel model, OllamaOptions? modelOptions, TimeSpan? keepAlive, GenerationRequest generation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lease = await pool.AcquireAsync(model.Name, await LoadSettingsAsync(model, modelOptions, cancellationToken), cancellationToken);
        await using (lease)
        {
            lease.KeepAlive = keepAlive ?? options.KeepAlive;
            var worker = lease.Model.Worker;
            IAsyncEnumerator<GenerationChunk> chunks;
            try
            {
                chunks = worker.Service.GenerateAsync(generation, cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
            catch (Exception error)
            {
                throw WorkerErrors.Map(error, model.Name, worker);
            }

            await using (chunks)
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await chunks.MoveNextAsync();
                    }
                    catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        throw WorkerErrors.Map(error, model.Name, worker);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    yield return (chunks.Current, lease.LoadDuration, lease.Model.Info);
                }
            }
        }
    }

    private async Task<string> LoadOrUnloadAsync(ResolvedModel model, OllamaOptions? modelOptions, TimeSpan? keepAlive, CancellationToken cancellationToken)
    {
        if (keepAlive == TimeSpan.Zero)
        {
            await pool.UnloadAsync(model.Name);
            return "unload";
        }

        // An explicit load also restarts a model whose worker kept crashing.
        pool.ResetCrashes(model.Name);
        var lease = await pool.AcquireAsync(model.Name, await LoadSettingsAsync(model, modelOptions, cancellationToken), cancellationToken);
        lease.KeepAlive = keepAlive ?? options.KeepAlive;
        await lease.DisposeAsync();
        return "load";
    }

    /// <summary>
    /// How to load the model for this request. A model loaded already with the same settings is reused as it is
    /// (its own memory is in use, so it is not checked again); otherwise the planner checks that it fits the memory
    /// budget (MemoryLimitException, HTTP 507, when not) and, for num_gpu -1 (auto), how many layers go to the GPU.
    /// </summary>
    private async Task<ModelLoadSettings> LoadSettingsAsync(ResolvedModel model, OllamaOptions? modelOptions, CancellationToken cancellationToken)
    {
        var requestedGpuLayers = modelOptions?.NumGpu is { } numGpu && numGpu >= 0 ? numGpu : config.NGpuLayers;
        var settings = new ModelLoadSettings(
            model.Path,
            modelOptions?.NumCtx ?? config.CtxSize,
            modelOptions?.NumThread ?? config.NThreads,
            modelOptions?.NumBatch ?? config.BatchSize,
            0,
            options.NumParallel,
            config.BinaryDir)
        {
            MemoryLimitBytes = (modelOptions?.MaxMemoryMb ?? config.DefaultMaxMemoryMb) * 1024L * 1024L,
            MemoryMap = modelOptions?.UseMmap ?? true,
        };
        var maxMemoryMb = modelOptions?.MaxMemoryMb;
        var loaded = pool.Snapshot().FirstOrDefault(m => m.Name == model.Name);
        if (loaded is not null && loaded.Settings with { GpuLayers = 0 } == settings && (requestedGpuLayers < 0 || loaded.Settings.GpuLayers == requestedGpuLayers))
        {
            planner.EnsureWithinCap(model, settings.ContextSize * settings.Parallel, settings.BatchSize, maxMemoryMb);
            return loaded.Settings;
        }

        for (var evictions = 0; ; evictions++)
        {
            try
            {
                var placement = await planner.PlanAsync(
                    model, settings.ContextSize * settings.Parallel, settings.BatchSize, requestedGpuLayers, maxMemoryMb, cancellationToken);
                return settings with { GpuLayers = placement.GpuLayers };
            }
            catch (MemoryLimitException) when (evictions < options.MaxLoadedModels && pool.Snapshot().Any(m => m.InFlight == 0 && m.Name != model.Name))
            {
                // Unload the least recently used idle model to make room; its worker's memory is free once it exits.
                await pool.EvictLeastRecentlyUsedAsync(except: model.Name);
            }
        }
    }

    private static T WithStats<T>(T response, GenerationChunk last, long started, TimeSpan loadDuration)
        where T : OllamaCompletionStats => response with
        {
            Done = true,
            DoneReason = last.DoneReason,
            TotalDuration = (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds,
            LoadDuration = (long)loadDuration.TotalNanoseconds,
            PromptEvalCount = last.PromptTokens,
            PromptEvalDuration = last.PromptEvalDurationNs,
            EvalCount = last.GeneratedTokens,
            EvalDuration = last.EvalDurationNs,
        };

    private static OllamaMessage Assistant(string content) => new() { Role = "assistant", Content = content };

    private static string RequireModel(string? model) =>
        string.IsNullOrWhiteSpace(model) ? throw new ValidationException("model is required") : model.Trim();

    private static void RejectImages(IReadOnlyList<string>? images, string model)
    {
        if (images is { Count: > 0 })
        {
            throw new ValidationException($"model '{model}' does not support images");
        }
    }

    private static List<ChatTurn> CheckMessages(IReadOnlyList<OllamaMessage>? messages, string model)
    {
        var turns = new List<ChatTurn>();
        if (messages is null)
        {
            return turns;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ValidationException($"messages[{i}] is null");
            if (string.IsNullOrEmpty(message.Role) || !Roles.Contains(message.Role))
            {
                throw new ValidationException($"messages[{i}] has an invalid role '{message.Role}'; use system, user, assistant or tool");
            }

            RejectImages(message.Images, model);
            turns.Add(new ChatTurn(message.Role, message.Content ?? "")
            {
                ToolCalls = OllamaToolCalls.Read(message.ToolCalls, $"messages[{i}].tool_calls"),
                ToolName = message.Role == "tool" ? message.ToolName : null,
            });
        }

        return turns;
    }
}
