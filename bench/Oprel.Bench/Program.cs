using System.Globalization;
using Oprel.Bench;
using Oprel.Models.Tiny;

// Prints a table of prompt-eval and decode speed, time to first token, load time and memory. Not a test.
var settings = BenchSettings.Parse(args);
var modelPath = settings.Model == TinyModel.Name
    ? await TinyModel.EnsureAsync(Path.Combine(Path.GetTempPath(), "oprel-bench-models"), CancellationToken.None)
    : Path.GetFullPath(settings.Model);
Console.WriteLine($"model {settings.Model} ({new FileInfo(modelPath).Length / 1024.0 / 1024.0:0.0} MiB), {settings.Threads} threads, {settings.Tokens} tokens, {settings.Runs} runs (medians)");

var results = new List<BenchResult>
{
    await EngineBenchmark.RunAsync(modelPath, settings),
    await ServerBenchmark.RunAsync(settings.Model == TinyModel.Name ? TinyModel.Name : modelPath, settings),
};

var reference = results[0];
Console.WriteLine();
Console.WriteLine("| setup | prompt tok/s | decode tok/s | decode vs engine | TTFT ms | load ms | memory |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Setup} | {r.PromptTokensPerSecond:0} | {r.DecodeTokensPerSecond:0} | {r.DecodeTokensPerSecond / reference.DecodeTokensPerSecond:0.00}x | {r.TimeToFirstTokenMs:0.0} | {r.LoadMs:0} | {r.Memory} |"));
}
