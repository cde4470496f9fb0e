using System.Globalization;

namespace Oprel.Bench;

/// <summary>The benchmark's knobs: <c>--model tiny|PATH --runs N --tokens N --threads N --ctx N</c>.</summary>
internal sealed record BenchSettings(string Model, int Runs, int Tokens, int Threads, int ContextSize)
{
    public string Prompt { get; } = string.Join(' ', Enumerable.Repeat("the fox ran through the green forest by the river and the sky was blue", 6));

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings("tiny", 5, 128, 2, 2048);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--model" => settings with { Model = value },
                "--runs" => settings with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--tokens" => settings with { Tokens = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => settings with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ctx" => settings with { ContextSize = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --model, --runs, --tokens, --threads, --ctx."),
            };
        }

        return settings;
    }
}
