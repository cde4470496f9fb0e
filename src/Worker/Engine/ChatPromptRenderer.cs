using System.Text;
using LLama;
using Oprel.Rpc;

namespace Oprel.Worker.Engine;

/// <summary>
/// Turns a request into the text the model reads: the model's chat template applied to the messages, or the raw
/// prompt. Templates are rendered by llama.cpp's template engine (its list of known templates).
/// </summary>
internal sealed class ChatPromptRenderer(LLamaWeights weights, bool hasTemplate)
{
    public string Render(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Raw)
        {
            return request.Prompt ?? "";
        }

        var messages = new List<ChatTurn>();
        if (!string.IsNullOrEmpty(request.System))
        {
            messages.Add(new ChatTurn("system", request.System));
        }

        if (request.Messages is { } turns)
        {
            messages.AddRange(turns);
        }
        else
        {
            messages.Add(new ChatTurn("user", request.Prompt ?? ""));
        }

        if (!hasTemplate)
        {
            return RenderPlain(messages);
        }

        var template = new LLamaTemplate(weights) { AddAssistant = true };
        foreach (var message in messages)
        {
            template.Add(message.Role, message.Content);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }

    /// <summary>A model without a chat template reads the messages as plain paragraphs.</summary>
    private static string RenderPlain(List<ChatTurn> messages)
    {
        var builder = new StringBuilder();
        foreach (var message in messages)
        {
            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            builder.Append(message.Content);
        }

        return builder.ToString();
    }
}
