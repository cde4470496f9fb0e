using StreamJsonRpc;

namespace Oprel.Supervisor.Cli;

/// <summary>Runs a command's work and turns any failure into one "Error: …" line on stderr and exit code 1; never a stack trace.</summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;

    /// <summary>The exit code of a process ended by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await command(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the user knows; no message.
            return Interrupted;
        }
        catch (Exception error)
        {
            await Console.Out.FlushAsync(CancellationToken.None);
            await Console.Error.WriteLineAsync(ErrorLine(error));
            await Console.Error.FlushAsync(CancellationToken.None);
            return Failure;
        }
    }

    /// <summary>"Error: &lt;message&gt;" on one line.</summary>
    public static string ErrorLine(Exception error) => "Error: " + Describe(error);

    /// <summary>The message for the user: the server's own words for server errors, a short explanation for transport failures.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error switch
        {
            OprelException => error.Message,
            HttpRequestException => $"could not reach the Oprel server: {error.Message}",
            HttpIOException or IOException => $"the connection to the Oprel server failed: {error.Message}",
            RemoteInvocationException => $"the Oprel server failed: {error.Message}",
            ConnectionLostException => $"the connection to the Oprel server was lost: {error.Message}",
            _ => error.Message,
        };
        return OneLine(message);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
