using System.Text;
using LLama;
using Microsoft.Extensions.Logging;
using Oprel.Rpc;
using Oprel.Worker.Templates;
using StreamJsonRpc;

namespace Oprel.Worker.Engine;

/// <summary>
/// Turns a request into the text the model reads: the model's own Jinja chat template applied to the messages (tools
/// included), llama.cpp's built-in template list where the interpreter cannot parse it, plain paragraphs for a model
/// without a template, or the raw prompt.
/// </summary>
internal sealed partial class ChatPromptRenderer
{
    private readonly LLamaWeights _weights;
    private readonly ChatTemplate? _template;
    private readonly bool _hasTemplate;
    private readonly string _bosText;
    private readonly string _eosText;
    // Read and replaced whole (one reference) by concurrent requests.
    private Tuple<string, ChatTemplate>? _override;

    public ChatPromptRenderer(LLamaWeights weights, string? templateSource, ILogger logger)
    {
        _weights = weights;
        _hasTemplate = !string.IsNullOrEmpty(templateSource);
        var vocab = weights.NativeHandle.Vocab;
        _bosText = vocab.BOS is { } bos ? vocab.LLamaTokenToString(bos, true) ?? "" : "";
        _eosText = vocab.EOS is { } eos ? vocab.LLamaTokenToString(eos, true) ?? "" : "";
        if (_hasTemplate)
        {
            try
            {
                _template = ChatTemplate.Parse(templateSource!);
            }
            catch (TemplateException error)
            {
                LogTemplateFallback(logger, error.Message);
            }
        }
    }

    /// <summary>The template references <c>tools</c>.</summary>
    public bool SupportsTools => _template?.SupportsTools == true;

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

        if (request.ToolsJson is not null && !SupportsTools)
        {
            throw new LocalRpcException("this model does not support tools") { ErrorCode = RpcErrorCodes.InvalidRequest };
        }

        if (request.Template is { Length: > 0 } source)
        {
            return RenderJinja(Override(source), messages, request.ToolsJson);
        }

        if (_template is not null)
        {
            return RenderJinja(_template, messages, request.ToolsJson);
        }

        return _hasTemplate ? RenderBuiltIn(messages) : RenderPlain(messages);
    }

    /// <summary>A created model's own template, parsed once and kept while requests use it.</summary>
    private ChatTemplate Override(string source)
    {
        if (_override is { } cached && cached.Item1 == source)
        {
            return cached.Item2;
        }

        try
        {
            var template = ChatTemplate.Parse(source);
            _override = Tuple.Create(source, template);
            return template;
        }
        catch (TemplateException error)
        {
            throw new LocalRpcException($"the model's TEMPLATE cannot be parsed: {error.Message}") { ErrorCode = RpcErrorCodes.InvalidRequest };
        }
    }

    private string RenderJinja(ChatTemplate template, List<ChatTurn> messages, string? toolsJson)
    {
        var context = new ChatTemplateContext
        {
            Messages = messages.Select(m => new ChatTemplateMessage(m.Role, m.Content)
            {
                ToolCalls = m.ToolCalls?.Select(c => new ChatTemplateToolCall(c.Name, c.ArgumentsJson)).ToArray(),
                ToolName = m.ToolName,
            }).ToArray(),
            AddGenerationPrompt = true,
            BosToken = _bosText,
            EosToken = _eosText,
            ToolsJson = toolsJson,
        };
        try
        {
            return template.Render(context);
        }
        catch (TemplateException error)
        {
            // The template's own raise_exception ("roles must alternate", "system role not supported") is the caller's mistake.
            throw new LocalRpcException($"the model's chat template refused the messages: {error.Detail}")
            {
                ErrorCode = error.RaisedByTemplate ? RpcErrorCodes.InvalidRequest : RpcErrorCodes.Backend,
            };
        }
    }

    /// <summary>llama.cpp's own template list, for templates Oprel's interpreter cannot parse.</summary>
    private string RenderBuiltIn(List<ChatTurn> messages)
    {
        var template = new LLamaTemplate(_weights) { AddAssistant = true };
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

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "The model's chat template cannot be interpreted ({Reason}); using llama.cpp's built-in templates")]
    private static partial void LogTemplateFallback(ILogger logger, string reason);
}
