using Microsoft.Extensions.Logging;
using Oprel.Logging;
using Oprel.Worker.Hosting;

// Oprel.Worker: one process per loaded model, started by the supervisor (`oprel serve`).
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args);
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 64;
}

using var loggerFactory = LoggerFactory.Create(builder => builder
    .SetMinimumLevel(LogLevels.FromEnvironment())
    .AddSimpleConsole(options => options.SingleLine = true));
var logger = loggerFactory.CreateLogger("Oprel.Worker");
var exitCode = await WorkerHost.RunAsync(arguments, logger);

// The engine's native threads and memory go with the process; exiting now frees the model at once.
Environment.Exit(exitCode);
return exitCode;
