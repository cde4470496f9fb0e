using static Oprel.Ollama;

namespace Oprel.Examples;

/// <summary>The seed's "Ollama-Compatible API" examples: module-level functions, Client and AsyncClient.</summary>
internal static class OllamaApiExamples
{
    public static void Functions(string modelName)
    {
        var response = Chat(modelName, [new Message("system", "You are a helpful assistant."), new Message("user", "What is Python?")]);
        Console.WriteLine(response.Message.Content);
        Console.WriteLine(response["message"]?["content"]);

        foreach (var chunk in ChatStream(modelName, [Message.User("Tell me a story")], new GenerationOptions { NumPredict = 60 }))
        {
            Console.Write(chunk.Message.Content);
        }

        Console.WriteLine();
        Console.WriteLine(Generate(modelName, "What is Python?").Response);

        foreach (var model in List().Models)
        {
            Console.WriteLine(model.Name);
        }

        Console.WriteLine(Show(modelName).Modelfile);
    }

    public static void ClientClass(string modelName)
    {
        using var client = new Client(Config.Default().ServerUri().ToString());
        var response = client.Chat(modelName, [new Message("system", "You are a Python expert."), new Message("user", "Explain decorators")]);
        Console.WriteLine(response.Message.Content);
        Console.WriteLine(client.Generate(modelName, "...").Response);
        Console.WriteLine(string.Join(", ", client.List().Models.Select(m => m.Name)));
        Console.WriteLine(client.Show(modelName).Template);
    }

    public static async Task AsyncClientClass(string modelName)
    {
        using var client = new AsyncClient(Config.Default().ServerUri().ToString());
        await foreach (var chunk in client.ChatStreamAsync(modelName, [Message.User("Why is the sky blue?")], new GenerationOptions { NumPredict = 60 }))
        {
            Console.Write(chunk.Message.Content);
        }

        Console.WriteLine();
    }
}
