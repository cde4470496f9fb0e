using System.Globalization;

namespace Oprel.Bench;

/// <summary>
/// The child side of setups (1), (2) and (5): loads the model in this process, warms up, says "ready LOAD_MS", then
/// answers each "run VARIANT" line on stdin with a "timing ..." line, until stdin closes. Each setup has a process
/// of its own, as a server's worker does, so they do not share threads, caches or the garbage collector.
/// </summary>
internal static class ChildHost
{
    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var modelPath = settings.Model ?? throw new ArgumentException("--child needs --model.");
        await using var runner = settings.Child switch
        {
            "1" => LlamaSharpLoop.Load(modelPath, settings),
            "2" => EngineRunner.Load(modelPath, settings),
            "5" => LlamaSharpBatchLoop.Load(modelPath, settings),
            _ => throw new ArgumentException($"Unknown --child {settings.Child}."),
        };
        var warmUp = await runner.RunAsync(900_000, settings.Tokens);
        for (var i = 1; i < BenchSettings.WarmUps; i++)
        {
            await runner.RunAsync(900_000 + i, settings.Tokens);
        }
        var expectedPromptTokens = settings.Child == "5" ? settings.PromptTokens * BenchSettings.ConcurrentStreams : settings.PromptTokens;
        if (warmUp.PromptTokens != expectedPromptTokens)
        {
            await Console.Error.WriteLineAsync($"warning: the prompts have {warmUp.PromptTokens} tokens, not {expectedPromptTokens}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {runner.LoadMs}"));
        while (await Console.In.ReadLineAsync() is { } line)
        {
            // "run VARIANT TOKENS"
            var fields = line.Split(' ');
            var timing = await runner.RunAsync(int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"timing {timing.PromptTokens} {timing.GeneratedTokens} {timing.FirstMs:R} {timing.LastMs:R} {timing.TextChunks} {timing.DoneReason ?? "-"} {timing.PromptEvalMs:R} {timing.AllGeneratingTokensPerSecond:R}"));
        }

        return 0;
    }

    public static RunTiming ParseTiming(string line)
    {
        var fields = line.Split(' ');
        if (fields is not ["timing", _, _, _, _, _, _, _, _])
        {
            throw new FormatException($"Not a timing line: {line}");
        }

        return new RunTiming(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            double.Parse(fields[3], CultureInfo.InvariantCulture),
            double.Parse(fields[4], CultureInfo.InvariantCulture))
        {
            TextChunks = int.Parse(fields[5], CultureInfo.InvariantCulture),
            DoneReason = fields[6],
            PromptEvalMs = double.Parse(fields[7], CultureInfo.InvariantCulture),
            AllGeneratingTokensPerSecond = double.Parse(fields[8], CultureInfo.InvariantCulture),
        };
    }
}
