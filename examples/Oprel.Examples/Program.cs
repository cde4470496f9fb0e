using Oprel.Examples;

// The seed's examples in C#. `dotnet run --project examples/Oprel.Examples -- NAME [MODEL]`; MODEL defaults to the
// built-in `tiny`, so every example runs offline.
var examples = new Dictionary<string, Func<string, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["model"] = m => Run(() => ModelExamples.ServerMode(m)),
    ["direct"] = m => Run(() => ModelExamples.DirectMode(m)),
    ["functions"] = m => Run(() => OllamaApiExamples.Functions(m)),
    ["client"] = m => Run(() => OllamaApiExamples.ClientClass(m)),
    ["async-client"] = OllamaApiExamples.AsyncClientClass,
    ["config"] = _ => Run(ConfigurationExamples.ConfigFile),
    ["complete"] = m => Run(() => ConfigurationExamples.Complete(m)),
    ["errors"] = _ => Run(ConfigurationExamples.Errors),
    ["http"] = ConfigurationExamples.HttpClient,
};

if (args.Length == 0 || !examples.TryGetValue(args[0], out var example))
{
    Console.Error.WriteLine($"usage: Oprel.Examples {{{string.Join('|', examples.Keys)}}} [MODEL]");
    return 64;
}

await example(args.Length > 1 ? args[1] : "tiny");
return 0;

static Task Run(Action action)
{
    action();
    return Task.CompletedTask;
}
