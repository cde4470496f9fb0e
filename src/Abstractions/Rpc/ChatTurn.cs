namespace Oprel.Rpc;

/// <summary>One message of a conversation as the engine sees it.</summary>
internal sealed record ChatTurn(string Role, string Content);
