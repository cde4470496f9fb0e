using System.Text.RegularExpressions;

namespace Oprel.Models;

/// <summary>A short name for a model published as GGUF files on Hugging Face.</summary>
/// <param name="Name">The alias, e.g. "qwencoder".</param>
/// <param name="Repository">The Hugging Face repository, e.g. "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF".</param>
/// <param name="FilePattern">How its files are named, with <c>{quant}</c> for the quantization, e.g. "qwen2.5-coder-7b-instruct-{quant}.gguf".</param>
/// <param name="Description">One line about the model.</param>
/// <param name="Parameters">Its size, e.g. "7.6B".</param>
/// <param name="ContextLength">The context it was trained for, in tokens.</param>
/// <param name="Kind">"chat", "code" or "embedding".</param>
internal sealed record ModelAlias(string Name, string Repository, string FilePattern, string Description, string Parameters, int ContextLength, string Kind)
{
    /// <summary>True when <paramref name="fileName"/> is one of this model's files (any quantization, any shard).</summary>
    public bool Matches(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var parts = FilePattern.Split("{quant}");
        var expression = "^" + string.Join(@"(?<quant>[A-Za-z0-9_]+)", parts.Select(p => Regex.Escape(p.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? p[..^5] : p)))
            + @"(?:-\d{5}-of-\d{5})?\.gguf$";
        return Regex.IsMatch(Path.GetFileName(fileName), expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
