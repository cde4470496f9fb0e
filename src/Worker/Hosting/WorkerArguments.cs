namespace Oprel.Worker.Hosting;

/// <summary>The worker's command line: <c>--pipe NAME --parent PID</c>.</summary>
internal sealed record WorkerArguments(string PipeName, int ParentProcessId)
{
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        string? pipe = null;
        int? parent = null;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--pipe":
                    pipe = args[i + 1];
                    break;
                case "--parent" when int.TryParse(args[i + 1], out var pid):
                    parent = pid;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: Oprel.Worker --pipe NAME --parent PID");
            }
        }

        return new WorkerArguments(
            pipe ?? throw new ArgumentException("Missing --pipe NAME."),
            parent ?? throw new ArgumentException("Missing --parent PID."));
    }
}
