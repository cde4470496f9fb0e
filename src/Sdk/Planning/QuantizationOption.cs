namespace Oprel.Planning;

/// <summary>One quantization a repository offers, with the size of its file(s).</summary>
internal sealed record QuantizationOption(string Quantization, long WeightsBytes);
