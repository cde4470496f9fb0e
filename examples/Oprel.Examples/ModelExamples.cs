namespace Oprel.Examples;

/// <summary>The seed's "Model API" examples.</summary>
internal static class ModelExamples
{
    /// <summary>Constructor, basic generation, custom parameters, streaming and a multi-turn conversation (server mode).</summary>
    public static void ServerMode(string modelName)
    {
        using var model = new Model(modelName);

        // Basic generation
        var response = model.Generate("What is Python?", maxTokens: 60);
        Console.WriteLine(response);

        // With custom parameters
        response = model.Generate("Explain quantum computing", maxTokens: 80, temperature: 0.5f);
        Console.WriteLine(response);

        // Streaming
        foreach (var token in model.GenerateStream("Write a story", maxTokens: 80))
        {
            Console.Write(token);
        }

        Console.WriteLine();

        // Multi-turn conversation
        var first = model.Generate("My name is Alice", conversationId: "chat-1", systemPrompt: "You are a helpful assistant.", maxTokens: 40);
        var second = model.Generate("What's my name?", conversationId: "chat-1", maxTokens: 40);
        Console.WriteLine($"{first}\n{second}");
    }

    /// <summary>load() / generate() / unload() in direct mode, and the context manager (using).</summary>
    public static void DirectMode(string modelName)
    {
        var model = new Model(modelName, useServer: false);
        model.Load();
        Console.WriteLine(model.Generate("prompt", maxTokens: 40));
        model.Unload();
        Console.WriteLine($"loaded: {model.IsLoaded}");

        using (var scoped = new Model(modelName))
        {
            Console.WriteLine(scoped.Generate("prompt", maxTokens: 40));
        }
    }
}
