using System.CommandLine;

namespace Oprel.Supervisor.Cli;

/// <summary>The MODEL argument of run and chat.</summary>
internal static class ModelArgument
{
    public static Argument<string> Create() => new("MODEL")
    {
        Description = "The model: an alias (tiny, …), a Hugging Face repository, a stored model's name, or the path of a .gguf file",
    };

    /// <summary>The model as the server should see it: a .gguf file that exists here becomes a full path (the server has its own working folder).</summary>
    public static string Resolve(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && File.Exists(model) ? Path.GetFullPath(model) : model;
    }
}
