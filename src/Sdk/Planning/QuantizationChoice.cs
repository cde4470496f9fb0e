namespace Oprel.Planning;

/// <summary>The quantization chosen for a budget, and how the model would be placed.</summary>
internal sealed record QuantizationChoice(string Quantization, ModelPlacement Placement);
