using System.Globalization;

namespace Oprel.Bench;

/// <summary>
/// The benchmark's knobs: <c>--size 134m|1b</c> or <c>--model PATH|tiny</c>, <c>--runs N --tokens N --prompt-tokens N
/// --threads N --ctx N --batch N --join-tokens N --setups 12345 --models DIR --max-foreign-cpu F --max-repeats N
/// --prime on|off --first-token-runs N --instances N --oprel PATH</c>. A timed run during which other processes used more than the share F of the machine's CPU is repeated, at most N times.
/// </summary>
internal sealed record BenchSettings(
    string Size,
    string? Model,
    int Runs,
    int Tokens,
    int PromptTokens,
    int Threads,
    int ContextSize,
    int BatchSize,
    int JoinTokens,
    string Setups,
    string ModelsDirectory,
    double MaxForeignCpu,
    int MaxRepeats)
{
    public const string Usage =
        "usage: Oprel.Bench [--size 134m|1b] [--model PATH|tiny] [--runs 5] [--tokens 128] [--prompt-tokens 128] [--threads 2] " +
        "[--ctx 2048] [--batch 512] [--join-tokens 32] [--setups 12345] [--models DIR] [--max-foreign-cpu 0.1] [--max-repeats 4] [--prime on] [--first-token-runs 4] [--instances 1] [--oprel PATH]";

    /// <summary>Untimed runs of each setup before the timed ones: the JIT's tiers settle and the caches fill.</summary>
    public const int WarmUps = 3;

    /// <summary>The concurrent streams of setup (4), and the sequences of its in-process reference (5).</summary>
    public const int ConcurrentStreams = 4;

    /// <summary>Short requests a server gets first, so that its per-request code is warm as in a server that has run a while.</summary>
    public const int ServerWarmUpRequests = 100;

    /// <summary>Set in a child process that runs setup (1), (2) or (5) for the parent: "1", "2" or "5".</summary>
    public string? Child { get; init; }

    /// <summary>The `oprel` program the server setups run: a published one, or null for the build beside the bench.</summary>
    public string? Oprel { get; init; }

    /// <summary>
    /// Whether each timed run follows an untimed run of the same setup (with a prompt of its own), so that every setup
    /// starts its timed run in the state its own last run left, never in the one another setup's run left.
    /// </summary>
    public bool Prime { get; init; } = true;

    /// <summary>
    /// Short runs each single-stream setup makes right after its timed run, each with a prompt of its own and an answer
    /// of <see cref="FirstTokenAnswerTokens"/> tokens, so that a round times the first token several times: a prompt's
    /// evaluation here varies by ±15% from one run to the next, and one run a round leaves the first token's difference
    /// to (1) uncertain by about as much as its target.
    /// </summary>
    public int FirstTokenRuns { get; init; } = 4;

    /// <summary>
    /// How many times a run starts every setup's processes, the rounds spread evenly over them: a process keeps what its
    /// start gave it (where its weights and buffers landed in memory) for its whole life, and that moved a setup's speed
    /// from one start to the next by more than the one-stream targets' margins.
    /// </summary>
    public int Instances { get; init; } = 1;

    /// <summary>The answer of a short run: enough tokens that one of them has text.</summary>
    public const int FirstTokenAnswerTokens = 8;

    public static BenchSettings Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new BenchSettings("1b", null, 5, 128, 128, 2, 2048, 512, 32, "12345", BenchModelGenerator.DefaultDirectory, 0.1, 4);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            }

            var value = args[i + 1];
            settings = args[i] switch
            {
                "--size" => settings with { Size = value },
                "--model" => settings with { Model = value },
                "--runs" => settings with { Runs = Number(value, 1) },
                "--tokens" => settings with { Tokens = Number(value, 2) },
                "--prompt-tokens" => settings with { PromptTokens = Number(value, 2) },
                "--threads" => settings with { Threads = Number(value, 1) },
                "--ctx" => settings with { ContextSize = Number(value, 64) },
                "--batch" => settings with { BatchSize = Number(value, 1) },
                "--join-tokens" => settings with { JoinTokens = Number(value, 2) },
                "--setups" => settings with { Setups = value },
                "--models" => settings with { ModelsDirectory = Path.GetFullPath(value) },
                "--max-foreign-cpu" => settings with { MaxForeignCpu = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) },
                "--max-repeats" => settings with { MaxRepeats = Number(value, 0) },
                "--child" => settings with { Child = value },
                "--prime" => settings with { Prime = value switch { "on" => true, "off" => false, _ => throw new ArgumentException($"--prime takes on or off, not {value}.") } },
                "--instances" => settings with { Instances = Number(value, 1) },
                "--first-token-runs" => settings with { FirstTokenRuns = Number(value, 0) },
                "--oprel" => settings with { Oprel = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"No program at --oprel {value}.") },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }

        if (settings.Instances > settings.Runs)
        {
            throw new ArgumentException("--instances cannot be more than --runs: each instance runs at least one round.");
        }

        if (settings.PromptTokens + Math.Max(settings.Tokens, settings.JoinTokens) >= settings.ContextSize)
        {
            throw new ArgumentException("The prompt and the answer must fit in --ctx.");
        }

        return settings;
    }

    /// <summary>The options that make a child process run <paramref name="setup"/> on the same model, with the same knobs.</summary>
    public IEnumerable<string> ChildArguments(string setup, string modelPath) =>
    [
        "--child", setup, "--model", modelPath,
        "--tokens", Text(Tokens), "--prompt-tokens", Text(PromptTokens), "--threads", Text(Threads),
        "--ctx", Text(ContextSize), "--batch", Text(BatchSize),
    ];

    public bool Includes(char setup) => Setups.Contains(setup, StringComparison.Ordinal);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Number(string text, int minimum)
    {
        var value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return value >= minimum ? value : throw new ArgumentException($"{text} is below {minimum}.");
    }
}
