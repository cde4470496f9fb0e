namespace Oprel.Supervisor.Tests.Cli;

/// <summary>NDJSON lines of /api/chat as the server writes them.</summary>
internal static class ChatLines
{
    public static string Chunk(string content) =>
        $$"""{"model":"tiny","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"{{content}}"},"done":false}""";

    public static string Final(string content = "") =>
        $$"""{"model":"tiny","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"{{content}}"},"done":true,"done_reason":"stop","total_duration":2500000000,"load_duration":500000000,"prompt_eval_count":10,"prompt_eval_duration":250000000,"eval_count":40,"eval_duration":1600000000}""";
}
