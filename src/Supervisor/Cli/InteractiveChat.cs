using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>
/// The chat loop of `oprel chat` (and `oprel run` without a prompt on a terminal): reads messages, streams the answers,
/// keeps the history. On a terminal it shows the ">>> " prompt; otherwise it reads lines quietly (scripts, tests).
/// </summary>
internal sealed class InteractiveChat
{
    public const string HelpText =
        """"
        Available Commands:
          /clear          Forget the conversation (the system prompt stays)
          /bye            Exit (or Ctrl+D)
          /?, /help       Show this help
        
        Use """ to begin a multi-line message, and """ again to end it.
        Ctrl+C stops an answer; Ctrl+C at the prompt exits.
        """";

    private const string Prompt = ">>> ";
    private const string ContinuationPrompt = "... ";

    private readonly OprelHttpApi _api;
    private readonly ChatSession _session;
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly ConsoleInterrupt _interrupt;
    private readonly bool _isTerminal;
    private readonly bool _verbose;

    public InteractiveChat(
        OprelHttpApi api, ChatSession session, TextReader input, TextWriter output, TextWriter error, ConsoleInterrupt interrupt, bool isTerminal, bool verbose)
    {
        _api = api;
        _session = session;
        _input = input;
        _output = output;
        _error = error;
        _interrupt = interrupt;
        _isTerminal = isTerminal;
        _verbose = verbose;
    }

    /// <summary>Runs until /bye or the end of input; returns the exit code. A failed answer ends the chat with an exception, except on a terminal where only an unknown model does.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var reader = new ChatInputReader();
        while (true)
        {
            if (_isTerminal)
            {
                await _output.WriteAsync(reader.IsContinuing ? ContinuationPrompt : Prompt);
                await _output.FlushAsync(cancellationToken);
            }

            var line = await _input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                if (_isTerminal)
                {
                    await _output.WriteLineAsync();
                }

                return 0;
            }

            var input = reader.Add(line);
            switch (input?.Kind)
            {
                case null or ChatInputKind.Empty:
                    break;
                case ChatInputKind.Exit:
                    return 0;
                case ChatInputKind.Clear:
                    _session.Clear();
                    await _output.WriteLineAsync("Cleared the conversation.");
                    break;
                case ChatInputKind.Help:
                    await _output.WriteLineAsync(HelpText);
                    break;
                case ChatInputKind.UnknownCommand:
                    await _output.WriteLineAsync($"Unknown command '{input.Text}'. Type /? for help.");
                    break;
                case ChatInputKind.Message:
                    await AnswerAsync(input.Text, cancellationToken);
                    break;
            }
        }
    }

    private async Task AnswerAsync(string message, CancellationToken cancellationToken)
    {
        var token = _interrupt.Begin(cancellationToken);
        ChatTurnResult result;
        try
        {
            result = await ChatStreamWriter.WriteAsync(_api.ChatAsync(_session.CreateRequest(message), token), _output, token);
        }
        catch (OperationCanceledException) when (_interrupt.Interrupted && !cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the answer is dropped, and so is the message (the history stays as it was).
            await _output.WriteLineAsync();
            return;
        }
        catch (Exception error) when (_isTerminal && error is not ModelNotFoundException and not OperationCanceledException)
        {
            await _error.WriteLineAsync(CommandRunner.ErrorLine(error));
            return;
        }
        finally
        {
            _interrupt.End();
        }

        _session.Commit(message, result.Content);
        await _output.WriteLineAsync(_isTerminal ? "\n" : "");
        await _output.FlushAsync(cancellationToken);
        if (_verbose)
        {
            await WriteStatsAsync(result.Final);
        }
    }

    private async Task WriteStatsAsync(OllamaCompletionStats stats)
    {
        await _error.WriteAsync(GenerationStatsFormatter.Format(stats));
        if (_isTerminal)
        {
            await _error.WriteLineAsync();
        }

        await _error.FlushAsync();
    }
}
