using System.Diagnostics;
using System.Numerics.Tensors;
using LLama;
using LLama.Common;
using LLama.Native;
using Oprel.Rpc;
using StreamJsonRpc;

namespace Oprel.Worker.Engine;

/// <summary>
/// A llama.cpp context kept for embeddings (LLamaEmbedder would build one per call). Each text is decoded as one
/// sequence, pooled (the model's pooling, mean for models that have none) and L2-normalised.
/// Not thread-safe: the engine serialises calls.
/// </summary>
internal sealed class EmbeddingContext : IDisposable
{
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();
    private readonly LlamaTokenizer _tokenizer;

    public EmbeddingContext(LLamaWeights weights, ModelParams loadParameters, LlamaTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        var pooling = weights.Metadata.Keys.Any(k => k.EndsWith(".pooling_type", StringComparison.Ordinal))
            ? LLamaPoolingType.Unspecified
            : LLamaPoolingType.Mean;
        var parameters = new ModelParams(loadParameters.ModelPath)
        {
            ContextSize = Math.Min(loadParameters.ContextSize ?? 2048, 8192),
            BatchSize = Math.Min(loadParameters.ContextSize ?? 2048, 8192),
            UBatchSize = Math.Min(loadParameters.ContextSize ?? 2048, 8192),
            Embeddings = true,
            PoolingType = pooling,
            Threads = loadParameters.Threads,
            BatchThreads = loadParameters.BatchThreads,
            SeqMax = 1,
        };
        _context = weights.CreateContext(parameters);
    }

    public EmbeddingResult Embed(EmbeddingRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var vectors = new List<float[]>(request.Inputs.Count);
        var tokens = 0;
        var limit = (int)_context.ContextSize;
        foreach (var input in request.Inputs)
        {
            var ids = _tokenizer.Tokenize(input, addSpecial: true, parseSpecial: false);
            if (ids.Length > limit)
            {
                if (!request.Truncate)
                {
                    throw new LocalRpcException($"The input has {ids.Length} tokens; the context holds {limit}. Shorten it or allow truncation.")
                    { ErrorCode = RpcErrorCodes.ContextOverflow };
                }

                ids = ids[..limit];
            }

            if (ids.Length == 0)
            {
                throw new LocalRpcException("An input to embed is empty.") { ErrorCode = RpcErrorCodes.InvalidRequest };
            }

            _context.NativeHandle.MemoryClear(true);
            _batch.Clear();
            for (var i = 0; i < ids.Length; i++)
            {
                _batch.Add(ids[i], i, LLamaSeqId.Zero, true);
            }

            var result = _context.NativeHandle.Decode(_batch);
            if (result != DecodeResult.Ok)
            {
                throw new LocalRpcException($"llama_decode returned {result} while embedding.") { ErrorCode = RpcErrorCodes.Backend };
            }

            vectors.Add(Normalize(_context.NativeHandle.GetEmbeddingsSeq(LLamaSeqId.Zero).ToArray()));
            tokens += ids.Length;
        }

        return new EmbeddingResult(vectors, tokens, (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
    }

    public void Dispose() => _context.Dispose();

    private static float[] Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}
