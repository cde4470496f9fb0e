using LLama;
using LLama.Common;
using LLama.Native;
using Oprel.Models.Tiny;
using Oprel.Sdk.Tests.Gguf;

namespace Oprel.Sdk.Tests.Models.Tiny;

/// <summary>Writes <c>tiny.gguf</c> once and loads it with llama.cpp (through LLamaSharp, CPU only).</summary>
public sealed class TinyLlamaFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public TinyLlamaFixture()
    {
        ModelPath = _directory.File(TinyModel.FileName);
        TinyModel.CreateWriter().WriteTo(ModelPath);
        Parameters = new ModelParams(ModelPath)
        {
            ContextSize = 512,
            GpuLayerCount = 0,
            LoadMode = LLamaLoadMode.MemoryMap,
        };
        Weights = LLamaWeights.LoadFromFile(Parameters);
    }

    public string ModelPath { get; }

    public ModelParams Parameters { get; }

    public LLamaWeights Weights { get; }

    public void Dispose()
    {
        Weights.Dispose();
        _directory.Dispose();
    }
}
