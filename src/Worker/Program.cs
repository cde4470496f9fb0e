using Oprel.Logging;
using Oprel.Telemetry;
using Oprel.Worker.Hosting;
using Oprel.Worker.Telemetry;

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

// One line per entry, no colours: the supervisor reads the level from each line and logs it at that level.
var logger = new StandardErrorLogger("Oprel.Worker", LogLevels.FromEnvironment(), Console.Error);
var traceExport = TraceExport.Start(OtlpExport.EndpointFromEnvironment());
var exitCode = await WorkerHost.RunAsync(arguments, logger);

// Environment.Exit skips using blocks: send the last spans now (log lines are written as they come).
traceExport?.Dispose();

// The engine's native threads and memory go with the process; exiting now frees the model at once.
Environment.Exit(exitCode);
return exitCode;
