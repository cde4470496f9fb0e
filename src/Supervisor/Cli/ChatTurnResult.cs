using Oprel.OllamaApi;

namespace Oprel.Supervisor.Cli;

/// <summary>A streamed answer: its whole text and the final chunk, which carries the stats.</summary>
internal sealed record ChatTurnResult(string Content, OllamaChatResponse Final);
