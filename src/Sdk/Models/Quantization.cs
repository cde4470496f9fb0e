using System.Text.RegularExpressions;

namespace Oprel.Models;

/// <summary>GGUF quantization names (Q4_K_M, Q8_0, IQ4_XS, F16, …): recognising them in tags and file names, and Oprel's order of preference.</summary>
internal static partial class Quantization
{
    /// <summary>The quantizations Oprel chooses from when none is asked for, best first.</summary>
    public static readonly IReadOnlyList<string> Preferred = ["Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K"];

    /// <summary>Typical bits per weight of each quantization, to turn a file size into a parameter count.</summary>
    private static readonly Dictionary<string, double> BitsPerWeight = new(StringComparer.Ordinal)
    {
        ["F32"] = 32, ["F16"] = 16, ["BF16"] = 16, ["Q8_0"] = 8.5, ["Q6_K"] = 6.56, ["Q5_K_M"] = 5.69, ["Q5_K_S"] = 5.54,
        ["Q5_0"] = 5.5, ["Q5_1"] = 6, ["Q4_K_M"] = 4.89, ["Q4_K_S"] = 4.58, ["Q4_0"] = 4.5, ["Q4_1"] = 5, ["IQ4_XS"] = 4.25,
        ["IQ4_NL"] = 4.5, ["Q3_K_L"] = 4.27, ["Q3_K_M"] = 3.91, ["Q3_K_S"] = 3.5, ["Q2_K"] = 3.35,
    };

    /// <summary>The canonical (upper-case) name if <paramref name="text"/> is a quantization name, e.g. "q4_k_m" → "Q4_K_M", "fp16" → "F16".</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = NamePattern().Match(text.Trim());
        return match.Success && match.Length == text.Trim().Length ? Canonical(match.Value) : null;
    }

    /// <summary>The quantization a GGUF file's name says it holds (the last one named), or null.</summary>
    public static string? FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        var matches = InFileNamePattern().Matches(name);
        return matches.Count == 0 ? null : Canonical(matches[^1].Groups["quant"].Value);
    }

    /// <summary>Roughly how many weights a file of <paramref name="bytes"/> in <paramref name="quantization"/> holds.</summary>
    public static long EstimateParameters(long bytes, string? quantization) =>
        (long)(bytes * 8 / (quantization is not null && BitsPerWeight.TryGetValue(quantization, out var bits) ? bits : 4.89));

    /// <summary>Rank in <see cref="Preferred"/>, or -1.</summary>
    public static int PreferenceRank(string quantization)
    {
        for (var i = 0; i < Preferred.Count; i++)
        {
            if (string.Equals(Preferred[i], quantization, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Canonical(string value)
    {
        var upper = value.ToUpperInvariant();
        return upper == "FP16" ? "F16" : upper == "FP32" ? "F32" : upper;
    }

    [GeneratedRegex(@"(?:IQ[1-4]_(?:XXS|XS|S|M|NL)|Q[2-8]_K(?:_(?:XL|S|M|L))?|Q[4-8]_[01]|BF16|FP16|F16|FP32|F32)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<quant>IQ[1-4]_(?:XXS|XS|S|M|NL)|Q[2-8]_K(?:_(?:XL|S|M|L))?|Q[4-8]_[01]|BF16|FP16|F16|FP32|F32)(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InFileNamePattern();
}
