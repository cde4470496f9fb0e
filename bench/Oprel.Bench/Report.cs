using System.Globalization;

namespace Oprel.Bench;

/// <summary>Prints the results as markdown tables, with ratios against setup (1), and checks the targets.</summary>
internal static class Report
{
    public static void Print(TextWriter output, IReadOnlyList<BenchResult> results, IReadOnlyList<ServerFigures> servers, BenchSettings settings)
    {
        output.WriteLine();
        output.WriteLine("| setup | prompt tok/s | decode tok/s | decode vs (1) | TTFT ms | TTFT vs (1) | load ms | memory (RSS) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var decodeRatio = double.IsNaN(r.DecodeRatio) ? "" : Format($"{r.DecodeRatio:0.00}x");
            var ttftDelta = double.IsNaN(r.TimeToFirstTokenDeltaMs) ? "" : Format($"{r.TimeToFirstTokenDeltaMs:+0.0;-0.0} ms");
            output.WriteLine(Format(
                $"| {r.Setup} | {r.PromptTokensPerSecond:0} | {r.DecodeTokensPerSecond:0.0} | {decodeRatio} | {r.TimeToFirstTokenMs:0.0} | {ttftDelta} | {r.LoadMs:0} | {r.Memory} |"));
        }

        if (servers.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"| server | supervisor RSS MiB | worker RSS MiB | cold load request ms | first worker start to ready ms | worker's load_duration ms | worker start to ready ms, restarts (median of {ServerProcess.Restarts}) | warm requests' load_duration ms (max) |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var s in servers)
            {
                output.WriteLine(Format(
                    $"| {s.Setup} | {s.SupervisorRssMiB:0.0} | {s.WorkerRssMiB:0} | {s.ColdLoadMs:0} | {s.WorkerStartToReadyMs:0} | {s.WorkerReportedLoadMs:0} | {s.WorkerRestartToReadyMs:0} | {s.WarmLoadDurationMaxMs:0.000} |"));
            }
        }

        PrintTargets(output, results, servers);
        if (Find(results, "(3)") is { OutsidePromptEvalMs: not double.NaN } single)
        {
            output.WriteLine();
            output.WriteLine(Format(
                $"(3)'s time to first token less the worker's own prompt evaluation (client, HTTP, supervisor, pipes, tokenizing): median {single.OutsidePromptEvalMs:0.0} ms."));
            if (Find(results, "(1)") is { OutsidePromptEvalMs: not double.NaN } reference)
            {
                output.WriteLine(Format(
                    $"(1)'s less its own (tokenizing): median {reference.OutsidePromptEvalMs:0.0} ms. The worker's prompt evaluation (llama_decode of the same tokens and the first sample) against (1)'s, per round: median {single.PromptEvalDeltaMs:+0.0;-0.0} ms."));
            }
        }

        if (Find(results, "(5)") is { } batched && Find(results, "(4) Oprel server") is { } streams && Find(results, "(3)") is { } one)
        {
            output.WriteLine(Format(
                $"Four streams: the server's aggregate is {streams.DecodeTokensPerSecond / one.DecodeTokensPerSecond:0.00}x its one stream (3); (5), LLamaSharp's own four sequences with their prompts read in one batch, gives {batched.DecodeRatio:0.00}x (1), per round. The server reads each prompt as its request comes, so its first stream generates while the others' prompts are read: its window (earliest first text to latest last) starts {streams.TimeToFirstTokenMs - streams.FirstTextMs:0} ms before all four generate, (5)'s {batched.TimeToFirstTokenMs - batched.FirstTextMs:0} ms. While all four generate: the server {streams.AllGeneratingTokensPerSecond:0.0} tok/s, (5) {batched.AllGeneratingTokensPerSecond:0.0} tok/s ({streams.AllGeneratingTokensPerSecond / batched.AllGeneratingTokensPerSecond:0.00}x)."));
        }

        output.WriteLine();
        output.WriteLine(Format(
            $"Prompts of {settings.PromptTokens} tokens (raw), {settings.Tokens} generated tokens (greedy, no penalties; the joining request {settings.JoinTokens}), {settings.Threads} threads, num_ctx {settings.ContextSize}, batch {settings.BatchSize}; medians of {settings.Runs} runs after {BenchSettings.WarmUps} warm-ups (servers: after {BenchSettings.ServerWarmUpRequests} short requests too){(settings.Instances > 1 ? Format($", the rounds spread over {settings.Instances} starts of every setup's processes (--instances); the load and memory figures are the first start's and the last's") : "")}{(settings.Prime ? "; each timed run right after an untimed run of the same setup with a prompt of its own (--prime on)" : "; no untimed run before each timed one (--prime off)")}."));
        var shortRuns = settings.FirstTokenRuns > 0 && results.Any(r => r.FirstTokenSamples > 0)
            ? Format($" For one stream ((1), (2), (3) and (4)'s lone request) each round's TTFT and prompt evaluation are the medians over its timed run and {settings.FirstTokenRuns} short runs right after it ({BenchSettings.FirstTokenAnswerTokens}-token answers, prompts of their own; --first-token-runs), {results.Where(r => r.FirstTokenSamples > 0).Min(r => r.FirstTokenSamples)} first tokens or more a row; the TTFT column is the median of those.")
            : "";
        output.WriteLine(
            "TTFT: request sent to first non-empty text." + shortRuns + " Prompt tok/s: prompt tokens / TTFT of the timed runs. Decode tok/s: (tokens - 1) / (last text - first text); " +
            "for (4) the sum over the streams / (latest last text - earliest first text), and TTFT until all four have their first text. " +
            "Ratios and differences against (1) are medians of the per-round ones (the setups run in turn, round by round, in reverse order every other round).");
    }

    private static void PrintTargets(TextWriter output, IReadOnlyList<BenchResult> results, IReadOnlyList<ServerFigures> servers)
    {
        var one = Find(results, "(1)");
        var single = Find(results, "(3)");
        var aggregate = Find(results, "(4) Oprel server");
        var lone = Find(results, "(4) same server, a lone");
        var joining = Find(results, "(4) same server, a request joining");
        var rows = new List<string>();
        if (one is not null && single is not null)
        {
            var ratio = single.DecodeRatio;
            rows.Add(Row("server, 1 stream: decode >= 0.97x (1)", Format($"{ratio:0.000}x"), ratio >= 0.97));
            var delta = single.TimeToFirstTokenDeltaMs;
            rows.Add(Row("server, 1 stream: TTFT <= (1) + 5 ms", Format($"{delta:+0.0;-0.0} ms"), delta <= 5));
        }

        if (aggregate is not null && single is not null)
        {
            var ratio = aggregate.DecodeTokensPerSecond / single.DecodeTokensPerSecond;
            rows.Add(Row("server, 4 streams: aggregate decode >= 1.3x one stream (3)", Format($"{ratio:0.00}x"), ratio >= 1.3));
        }

        if (joining is not null && lone is not null)
        {
            var ratio = joining.TimeToFirstTokenMs / lone.TimeToFirstTokenMs;
            rows.Add(Row("server, 4 streams: TTFT joining a running batch < 2x a lone request", Format($"{ratio:0.00}x"), ratio < 2));
        }

        foreach (var s in servers)
        {
            var megabytes = s.SupervisorRssMiB * 1024 * 1024 / 1e6;
            rows.Add(Row($"{s.Setup}: supervisor RSS < 80 MB, one model loaded", Format($"{megabytes:0.0} MB"), megabytes < 80));
            // load_duration is the wait for the model's worker; with four streams on two busy cores it includes waiting for a core.
            rows.Add(Row(
                $"{s.Setup}: a warm request pays no model load",
                Format($"{s.LoadsAfterTheFirst} loads after the cold one; max load_duration {s.WarmLoadDurationMaxMs:0.000} ms"),
                s.LoadsAfterTheFirst == 0 && s.WarmLoadDurationMaxMs < s.WorkerReportedLoadMs / 10));
            rows.Add(Row(
                $"{s.Setup}: worker start-to-ready <= ~0.8 s",
                Format($"{s.WorkerRestartToReadyMs:0} ms, median of {ServerProcess.Restarts} restarts (the first start {s.WorkerStartToReadyMs:0} ms, its load {s.WorkerReportedLoadMs:0} ms)"),
                s.WorkerRestartToReadyMs <= 800));
        }

        if (rows.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| target | measured | met |");
        output.WriteLine("| --- | ---: | :---: |");
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }
    }

    private static BenchResult? Find(IReadOnlyList<BenchResult> results, string prefix) =>
        results.FirstOrDefault(r => r.Setup.StartsWith(prefix, StringComparison.Ordinal));

    private static string Row(string target, string measured, bool met) => $"| {target} | {measured} | {(met ? "yes" : "**no**")} |";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
