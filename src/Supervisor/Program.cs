using Oprel.Supervisor.Cli;
using Oprel.Supervisor.Hosting;

if (args is ["serve", ..] && Environment.GetEnvironmentVariable(SocketThreading.InlineCompletionsVariable) is null)
{
    // The server runs its socket continuations on the socket engine's own thread: a streamed token then goes from
    // the worker's pipe to the client's connection on one thread, instead of waking a pool thread for each (on a
    // small machine that thread takes a core from llama.cpp's). Its handlers never block, which this requires.
    // Read once, when the first socket is used: nothing before this line opens one. The workers inherit it.
    Environment.SetEnvironmentVariable(SocketThreading.InlineCompletionsVariable, "1");
}

return await OprelCommandLine.InvokeAsync(args);
