namespace Oprel.Models;

/// <summary>
/// Oprel's aliases: short names for common small and mid-sized models, each mapped to a Hugging Face repository of
/// GGUF files and the way its files are named. The seed's <c>qwencoder</c> and <c>llama3</c> are here.
/// </summary>
internal static class ModelRegistry
{
    public static IReadOnlyList<ModelAlias> Aliases { get; } =
    [
        new("qwencoder", "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", "qwen2.5-coder-7b-instruct-{quant}.gguf", "Qwen2.5-Coder 7B Instruct: code generation, completion and repair", "7.6B", 32_768, "code"),
        new("qwen2.5-coder-0.5b", "Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF", "qwen2.5-coder-0.5b-instruct-{quant}.gguf", "Qwen2.5-Coder 0.5B Instruct: the smallest code model", "0.5B", 32_768, "code"),
        new("qwen2.5-coder-1.5b", "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF", "qwen2.5-coder-1.5b-instruct-{quant}.gguf", "Qwen2.5-Coder 1.5B Instruct: fast code completion", "1.5B", 32_768, "code"),
        new("qwen2.5-coder-3b", "Qwen/Qwen2.5-Coder-3B-Instruct-GGUF", "qwen2.5-coder-3b-instruct-{quant}.gguf", "Qwen2.5-Coder 3B Instruct: code on small machines", "3.1B", 32_768, "code"),
        new("qwen2.5-coder-14b", "Qwen/Qwen2.5-Coder-14B-Instruct-GGUF", "qwen2.5-coder-14b-instruct-{quant}.gguf", "Qwen2.5-Coder 14B Instruct: stronger code model", "14.8B", 32_768, "code"),
        new("qwen2.5", "Qwen/Qwen2.5-7B-Instruct-GGUF", "qwen2.5-7b-instruct-{quant}.gguf", "Qwen2.5 7B Instruct: general chat, multilingual", "7.6B", 32_768, "chat"),
        new("qwen2.5-0.5b", "Qwen/Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-{quant}.gguf", "Qwen2.5 0.5B Instruct: tiny general chat model", "0.5B", 32_768, "chat"),
        new("qwen2.5-1.5b", "Qwen/Qwen2.5-1.5B-Instruct-GGUF", "qwen2.5-1.5b-instruct-{quant}.gguf", "Qwen2.5 1.5B Instruct: small general chat model", "1.5B", 32_768, "chat"),
        new("qwen2.5-3b", "Qwen/Qwen2.5-3B-Instruct-GGUF", "qwen2.5-3b-instruct-{quant}.gguf", "Qwen2.5 3B Instruct: general chat on small machines", "3.1B", 32_768, "chat"),
        new("qwen2.5-14b", "Qwen/Qwen2.5-14B-Instruct-GGUF", "qwen2.5-14b-instruct-{quant}.gguf", "Qwen2.5 14B Instruct: stronger general chat model", "14.8B", 32_768, "chat"),
        new("llama3", "bartowski/Meta-Llama-3-8B-Instruct-GGUF", "Meta-Llama-3-8B-Instruct-{quant}.gguf", "Meta Llama 3 8B Instruct: general chat", "8.0B", 8_192, "chat"),
        new("llama3.1", "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "Meta-Llama-3.1-8B-Instruct-{quant}.gguf", "Meta Llama 3.1 8B Instruct: general chat, long context, tools", "8.0B", 131_072, "chat"),
        new("llama3.2", "bartowski/Llama-3.2-3B-Instruct-GGUF", "Llama-3.2-3B-Instruct-{quant}.gguf", "Meta Llama 3.2 3B Instruct: small general chat model", "3.2B", 131_072, "chat"),
        new("llama3.2-1b", "bartowski/Llama-3.2-1B-Instruct-GGUF", "Llama-3.2-1B-Instruct-{quant}.gguf", "Meta Llama 3.2 1B Instruct: the smallest Llama", "1.2B", 131_072, "chat"),
        new("phi3.5", "bartowski/Phi-3.5-mini-instruct-GGUF", "Phi-3.5-mini-instruct-{quant}.gguf", "Microsoft Phi-3.5 mini Instruct: reasoning in a small model", "3.8B", 131_072, "chat"),
        new("phi4", "bartowski/phi-4-GGUF", "phi-4-{quant}.gguf", "Microsoft Phi-4: strong reasoning and code at 14B", "14.7B", 16_384, "chat"),
        new("phi4-mini", "bartowski/microsoft_Phi-4-mini-instruct-GGUF", "microsoft_Phi-4-mini-instruct-{quant}.gguf", "Microsoft Phi-4 mini Instruct: small reasoning model", "3.8B", 131_072, "chat"),
        new("gemma2", "bartowski/gemma-2-9b-it-GGUF", "gemma-2-9b-it-{quant}.gguf", "Google Gemma 2 9B Instruct: general chat", "9.2B", 8_192, "chat"),
        new("gemma2-2b", "bartowski/gemma-2-2b-it-GGUF", "gemma-2-2b-it-{quant}.gguf", "Google Gemma 2 2B Instruct: small general chat model", "2.6B", 8_192, "chat"),
        new("gemma3", "bartowski/google_gemma-3-4b-it-GGUF", "google_gemma-3-4b-it-{quant}.gguf", "Google Gemma 3 4B Instruct: general chat, long context", "3.9B", 131_072, "chat"),
        new("gemma3-1b", "bartowski/google_gemma-3-1b-it-GGUF", "google_gemma-3-1b-it-{quant}.gguf", "Google Gemma 3 1B Instruct: tiny general chat model", "1.0B", 32_768, "chat"),
        new("mistral", "bartowski/Mistral-7B-Instruct-v0.3-GGUF", "Mistral-7B-Instruct-v0.3-{quant}.gguf", "Mistral 7B Instruct v0.3: general chat", "7.2B", 32_768, "chat"),
        new("mistral-nemo", "bartowski/Mistral-Nemo-Instruct-2407-GGUF", "Mistral-Nemo-Instruct-2407-{quant}.gguf", "Mistral NeMo 12B Instruct: general chat, long context", "12.2B", 131_072, "chat"),
        new("smollm2", "bartowski/SmolLM2-1.7B-Instruct-GGUF", "SmolLM2-1.7B-Instruct-{quant}.gguf", "Hugging Face SmolLM2 1.7B Instruct: small general chat model", "1.7B", 8_192, "chat"),
        new("smollm2-360m", "bartowski/SmolLM2-360M-Instruct-GGUF", "SmolLM2-360M-Instruct-{quant}.gguf", "Hugging Face SmolLM2 360M Instruct: very small chat model", "360M", 8_192, "chat"),
        new("smollm2-135m", "bartowski/SmolLM2-135M-Instruct-GGUF", "SmolLM2-135M-Instruct-{quant}.gguf", "Hugging Face SmolLM2 135M Instruct: the smallest chat model here", "135M", 8_192, "chat"),
        new("tinyllama", "TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", "tinyllama-1.1b-chat-v1.0.{quant}.gguf", "TinyLlama 1.1B Chat v1.0: small Llama-architecture chat model", "1.1B", 2_048, "chat"),
        new("deepseek-coder", "TheBloke/deepseek-coder-6.7B-instruct-GGUF", "deepseek-coder-6.7b-instruct.{quant}.gguf", "DeepSeek-Coder 6.7B Instruct: code generation", "6.7B", 16_384, "code"),
        new("deepseek-coder-1.3b", "TheBloke/deepseek-coder-1.3b-instruct-GGUF", "deepseek-coder-1.3b-instruct.{quant}.gguf", "DeepSeek-Coder 1.3B Instruct: small code model", "1.3B", 16_384, "code"),
        new("deepseek-r1-1.5b", "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", "DeepSeek-R1-Distill-Qwen-1.5B-{quant}.gguf", "DeepSeek-R1 distilled into Qwen 1.5B: small reasoning model", "1.8B", 131_072, "chat"),
        new("nomic-embed-text", "nomic-ai/nomic-embed-text-v1.5-GGUF", "nomic-embed-text-v1.5.{quant}.gguf", "Nomic Embed Text v1.5: text embeddings for search and RAG", "137M", 2_048, "embedding"),
    ];

    /// <summary>The alias named <paramref name="name"/> (case-insensitive, without a tag), or null.</summary>
    public static ModelAlias? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Aliases.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Aliases whose name, repository, description or kind contains every word of <paramref name="query"/>.</summary>
    public static IReadOnlyList<ModelAlias> Search(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. Aliases.Where(a => words.All(w =>
            a.Name.Contains(w, StringComparison.OrdinalIgnoreCase)
            || a.Repository.Contains(w, StringComparison.OrdinalIgnoreCase)
            || a.Description.Contains(w, StringComparison.OrdinalIgnoreCase)
            || a.Kind.Contains(w, StringComparison.OrdinalIgnoreCase)))];
    }
}
