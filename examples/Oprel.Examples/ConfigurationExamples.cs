namespace Oprel.Examples;

/// <summary>The seed's "Configuration", "Exceptions", "HTTP Client" and "Complete Example" sections.</summary>
internal static class ConfigurationExamples
{
    public static void ConfigFile()
    {
        var config = new Config { CacheDir = Path.Combine(Path.GetTempPath(), "oprel-example-cache"), DefaultMaxMemoryMb = 8192, CtxSize = 4096, BatchSize = 512, NThreads = 8, NGpuLayers = -1 };
        var path = Path.Combine(Path.GetTempPath(), "oprel-example-config.yaml");
        config.Save(path);
        var loaded = Config.FromFile(path);
        Console.WriteLine($"{path}: cache_dir={loaded.CacheDir} ctx_size={loaded.CtxSize}; defaults: ctx_size={Config.Default().CtxSize}");
    }

    public static void Complete(string modelName)
    {
        var config = new Config { DefaultMaxMemoryMb = 8192 };
        using var model = new Model(modelName, config: config);
        try
        {
            Console.WriteLine(model.Generate("Explain Python decorators", maxTokens: 100, temperature: 0.7f));
        }
        catch (OprelException error)
        {
            Console.WriteLine($"Error: {error.Message}");
        }
    }

    public static void Errors()
    {
        try
        {
            using var model = new Model("nonexistent");
            model.Generate("prompt");
        }
        catch (ModelNotFoundException error)
        {
            Console.WriteLine($"Model not found: {error.Message}");
        }
    }

    public static async Task HttpClient(string modelName)
    {
        using var client = new OprelHttpClient(Config.Default().ServerUri().ToString());
        Console.WriteLine($"healthy: {await client.HealthCheckAsync()}");
        var response = await client.PostAsync("/generate", new { model = modelName, prompt = "...", stream = false });
        Console.WriteLine(response?["response"]);
        Console.WriteLine(await client.GetAsync("/api/version"));
    }
}
