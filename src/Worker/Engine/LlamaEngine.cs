using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using StreamJsonRpc;

namespace Oprel.Worker.Engine;

/// <summary>The llama.cpp engine: one model, one long-lived context, one decode thread.</summary>
internal sealed partial class LlamaEngine : IInferenceEngine
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly DecodeLoop _loop;
    private readonly ChatPromptRenderer _renderer;
    private readonly LlamaTokenizer _tokenizer;
    private readonly ModelParams _parameters;
    private readonly SemaphoreSlim _embeddingGate = new(1, 1);
    private readonly bool _streamOnDecodeThread;
    private EmbeddingContext? _embeddings;

    private LlamaEngine(LLamaWeights weights, LLamaContext context, ModelParams parameters, WorkerModelInfo info, ChatPromptRenderer renderer, int parallel, bool streamOnDecodeThread, ILogger logger)
    {
        _weights = weights;
        _parameters = parameters;
        _context = context;
        Info = info;
        _renderer = renderer;
        _tokenizer = LlamaTokenizer.For(weights.NativeHandle);
        _streamOnDecodeThread = streamOnDecodeThread;
        _loop = new DecodeLoop(context, parallel, logger);
    }

    public WorkerModelInfo Info { get; }

    public int ActiveSequences => _loop.ActiveSequences;

    public int QueuedRequests => _loop.QueuedRequests;

    /// <summary>Loads a model. Errors are <see cref="LocalRpcException"/>s carrying an <see cref="RpcErrorCodes"/> code.</summary>
    /// <param name="request">What to load, and how.</param>
    /// <param name="logger">Where the engine logs.</param>
    /// <param name="streamOnDecodeThread">
    /// Run the continuation of whoever reads a stream on the decode thread, as each chunk is produced, instead of waking
    /// a pool thread per token. Only for readers that never block, such as the worker's RPC pipe: user code reading a
    /// stream in process would stall every sequence.
    /// </param>
    public static LlamaEngine Load(WorkerLoadRequest request, ILogger logger, bool streamOnDecodeThread = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!File.Exists(request.ModelPath))
        {
            throw new LocalRpcException($"The model file '{request.ModelPath}' does not exist.") { ErrorCode = RpcErrorCodes.ModelNotFound };
        }

        var parallel = Math.Max(1, request.Parallel);
        var started = Stopwatch.GetTimestamp();
        NativeLibrarySetup.Configure(request.NativeLibraryDirectory, logger);
        if (request.GpuLayers > 0 && !NativeApi.llama_supports_gpu_offload())
        {
            throw new LocalRpcException(
                $"{request.GpuLayers} GPU layers were requested, but the loaded llama.cpp library is a CPU build. Set OPREL_BINARY_DIR to a GPU build, or num_gpu to 0.")
            { ErrorCode = RpcErrorCodes.ModelLoadFailed };
        }

        var threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;
        var parameters = new ModelParams(request.ModelPath)
        {
            ContextSize = (uint)(request.ContextSize * parallel),
            GpuLayerCount = request.GpuLayers,
            LoadMode = request.MemoryMap ? LLamaLoadMode.MemoryMap : LLamaLoadMode.None,
            BatchSize = (uint)request.BatchSize,
            UBatchSize = (uint)request.BatchSize,
            SeqMax = (uint)parallel,
            Threads = threads,
            BatchThreads = threads,
        };

        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception error) when (error is LoadWeightsFailedException or RuntimeError)
        {
            throw new LocalRpcException($"llama.cpp could not load '{request.ModelPath}': {error.Message}") { ErrorCode = RpcErrorCodes.ModelLoadFailed };
        }

        try
        {
            var context = weights.CreateContext(parameters, logger);
            if (request.MemoryMap)
            {
                // Everything is loaded: what llama.cpp still reads through the mapping comes back as it is read.
                MappedModelPages.Release(request.ModelPath, logger);
            }

            var templateSource = weights.Metadata.GetValueOrDefault("tokenizer.chat_template");
            var renderer = new ChatPromptRenderer(weights, templateSource, logger);
            var info = new WorkerModelInfo
            {
                ProcessId = Environment.ProcessId,
                ModelPath = request.ModelPath,
                ContextSize = request.ContextSize,
                VocabularySize = weights.Vocab.Count,
                ParameterCount = (long)weights.ParameterCount,
                SizeBytes = (long)weights.SizeInBytes,
                LoadDurationNs = (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds,
                Description = weights.NativeHandle.Description,
                Processor = request.GpuLayers > 0 ? Processor(request.GpuLayers, weights.NativeHandle.LayerCount) : "100% CPU",
                GpuLayers = request.GpuLayers,
                HasChatTemplate = templateSource is not null,
                SupportsTools = renderer.SupportsTools,
                ChatTemplate = templateSource,
            };
            LogLoaded(logger, request.ModelName, info.LoadDurationNs / 1_000_000, threads, parallel);
            return new LlamaEngine(weights, context, parameters, info, renderer, parallel, streamOnDecodeThread, logger);
        }
        catch (Exception error) when (error is RuntimeError)
        {
            weights.Dispose();
            throw new LocalRpcException($"llama.cpp could not create a context for '{request.ModelPath}': {error.Message}") { ErrorCode = RpcErrorCodes.ModelLoadFailed };
        }
    }

    public async IAsyncEnumerable<GenerationChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = _renderer.Render(request);
        var tokens = TokenizePrompt(prompt);
        if (tokens.Length == 0)
        {
            throw new LocalRpcException("The prompt is empty.") { ErrorCode = RpcErrorCodes.InvalidRequest };
        }

        if (tokens.Length >= _loop.SequenceContext)
        {
            throw new LocalRpcException($"The prompt has {tokens.Length} tokens; the context holds {_loop.SequenceContext}. Shorten it or raise num_ctx.")
            { ErrorCode = RpcErrorCodes.ContextOverflow };
        }

        // With streamOnDecodeThread the decode thread runs the reader's continuation (sending the chunk down the pipe)
        // itself: waking a pool thread for each token takes a core from llama.cpp's threads on a small machine.
        var channel = Channel.CreateUnbounded<GenerationChunk>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = _streamOnDecodeThread });
        var sampler = SamplerChainFactory.Create(_weights.NativeHandle, request.Sampling);
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, _weights.NativeHandle);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sequence = new EngineSequence(tokens, request.Sampling, sampler, decoder, channel.Writer, linked.Token) { TrimLeadingWhitespace = !request.Raw && Info.HasChatTemplate };
        _loop.Enqueue(sequence);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            // The caller stopped reading (cancelled, disconnected or broke out): free the sequence at the next step.
            await linked.CancelAsync().ConfigureAwait(false);
        }
    }

    public async Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _embeddingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Decoding blocks in native code: keep it off the caller's thread.
            return await Task.Run(
                () =>
                {
                    _embeddings ??= new EmbeddingContext(_weights, _parameters, _tokenizer);
                    return _embeddings.Embed(request);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _embeddingGate.Release();
        }
    }

    public int[] Tokenize(string text) => _tokenizer.Tokenize(text, addSpecial: false, parseSpecial: true).Select(t => (int)t).ToArray();

    public void Dispose()
    {
        _loop.Dispose();
        _embeddings?.Dispose();
        _embeddingGate.Dispose();
        _context.Dispose();
        _weights.Dispose();
    }

    private LLamaToken[] TokenizePrompt(string prompt)
    {
        var addBos = _weights.Vocab.ShouldAddBOS;
        var tokens = _tokenizer.Tokenize(prompt, addBos, parseSpecial: true);
        // A template that writes the BOS text itself must not get a second one.
        if (addBos && tokens.Length > 1 && tokens[0] == tokens[1] && _weights.Vocab.BOS is { } bos && tokens[0] == bos)
        {
            return tokens[1..];
        }

        return tokens;
    }

    private static string Processor(int gpuLayers, int layerCount)
    {
        var gpuShare = Math.Min(100, (int)Math.Round(100.0 * gpuLayers / Math.Max(1, layerCount + 1)));
        return gpuShare >= 100 ? "100% GPU" : $"{100 - gpuShare}%/{gpuShare}% CPU/GPU";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded {Model} in {Milliseconds} ms ({Threads} threads, {Parallel} parallel sequences)")]
    private static partial void LogLoaded(ILogger logger, string model, long milliseconds, int threads, int parallel);
}
