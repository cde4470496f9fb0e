using Oprel.Supervisor.Cli;

return await OprelCommandLine.InvokeAsync(args);
