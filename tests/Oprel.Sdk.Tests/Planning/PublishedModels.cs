using Oprel.Planning;

namespace Oprel.Sdk.Tests.Planning;

/// <summary>
/// Shapes and file sizes of real published GGUF models (bartowski/Mistral-7B-Instruct-v0.3-GGUF and the
/// hyperparameters in the files' headers), to test the estimate against what people actually download.
/// </summary>
internal static class PublishedModels
{
    /// <summary>Mistral 7B v0.3: 32 layers, 4096 wide, 32 heads, 8 KV heads, 32768 tokens.</summary>
    public static ModelShape Mistral7B { get; } = new("llama", 32, 4096, 32, 8, 128, 128, 32_768, 32_768);

    /// <summary>Llama 3 8B: 32 layers, 4096 wide, 32 heads, 8 KV heads, 128256 tokens.</summary>
    public static ModelShape Llama3_8B { get; } = new("llama", 32, 4096, 32, 8, 128, 128, 128_256, 8_192);

    /// <summary>Qwen2.5 7B: 28 layers, 3584 wide, 28 heads, 4 KV heads, 152064 tokens.</summary>
    public static ModelShape Qwen25_7B { get; } = new("qwen2", 28, 3584, 28, 4, 128, 128, 152_064, 32_768);

    /// <summary>The sizes in bytes of Mistral-7B-Instruct-v0.3's quantizations as published.</summary>
    public static IReadOnlyList<QuantizationOption> Mistral7BFiles { get; } =
    [
        new("Q2_K", 2_722_877_632),
        new("Q3_K_M", 3_522_942_656),
        new("Q4_K_M", 4_372_812_000),
        new("Q5_K_M", 5_136_175_808),
        new("Q6_K", 5_947_249_856),
        new("Q8_0", 7_702_565_056),
        new("F16", 14_497_337_024),
        new("IQ4_XS", 3_911_430_336),
    ];
}
