using Oprel.Gguf;
using Oprel.Models.Tiny;
using Oprel.Supervisor.Tests.Inference.Tools;

namespace Oprel.Supervisor.Tests.EndToEnd;

/// <summary>A copy of the built-in tiny model whose chat template offers tools: Qwen 2.5's ChatML with tools.</summary>
internal static class ToolsModel
{
    /// <summary>Writes <c>&lt;directory&gt;/tiny-tools.gguf</c> and returns its full path.</summary>
    public static async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        var tinyPath = await TinyModel.EnsureAsync(directory, cancellationToken);
        var tiny = GgufReader.Read(tinyPath);
        var writer = new GgufWriter(tiny.Alignment);
        foreach (var entry in tiny.Metadata)
        {
            writer.Add(entry.Key == "tokenizer.chat_template" ? entry with { Value = TemplateFixtures.Read("qwen2.5.jinja") } : entry);
        }

        await using (var source = File.OpenRead(tinyPath))
        {
            foreach (var tensor in tiny.Tensors)
            {
                var data = new byte[checked((int)tensor.ByteSize)];
                source.Position = tiny.GetTensorDataOffset(tensor);
                await source.ReadExactlyAsync(data, cancellationToken);
                writer.AddTensor(tensor.Name, tensor.Dimensions, tensor.Type, data);
            }
        }

        var path = Path.Combine(directory, "tiny-tools.gguf");
        await writer.WriteToAsync(path, cancellationToken);
        return path;
    }
}
