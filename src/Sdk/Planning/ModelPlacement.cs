namespace Oprel.Planning;

/// <summary>How a model is split between the GPU and system memory.</summary>
/// <param name="Estimate">What it needs in all.</param>
/// <param name="GpuLayers">Layers to offload (llama.cpp's n_gpu_layers; block count + 1 offloads the output layer too).</param>
/// <param name="GpuBytes">Memory it takes on GPUs.</param>
/// <param name="CpuBytes">System memory it takes.</param>
/// <param name="Fits">True when both parts fit their budgets and the total fits the cap.</param>
internal sealed record ModelPlacement(MemoryEstimate Estimate, int GpuLayers, long GpuBytes, long CpuBytes, bool Fits);
