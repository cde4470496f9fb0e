using Oprel.Worker.Templates.Ast;
using Oprel.Worker.Templates.Parsing;
using Oprel.Worker.Templates.Runtime;

namespace Oprel.Worker.Templates;

/// <summary>
/// A model's own Jinja2 chat template (GGUF <c>tokenizer.chat_template</c>), parsed once and rendered per request the
/// way transformers renders it: <c>trim_blocks</c> and <c>lstrip_blocks</c> on, <c>{% break %}</c> and
/// <c>{% continue %}</c>, <c>{% generation %}</c> blocks, a <c>tojson</c> that keeps non-ASCII text, the globals
/// <c>raise_exception</c> and <c>strftime_now</c>, and an immutable sandbox (templates cannot change lists or dicts).
/// Undefined values behave as Jinja's default ones (falsy, print nothing, iterate as empty, fail when called or used
/// in arithmetic), except that an attribute of an undefined value is undefined rather than an error.
/// Parsed templates are immutable, so one can render on many threads at once.
/// </summary>
internal sealed class ChatTemplate
{
    private readonly IReadOnlyList<Statement> _body;

    private ChatTemplate(IReadOnlyList<Statement> body, bool supportsTools)
    {
        _body = body;
        SupportsTools = supportsTools;
    }

    /// <summary>Whether the template reads <c>tools</c>, so the model can be offered tools (Ollama's "tools" capability).</summary>
    public bool SupportsTools { get; }

    /// <summary>Parses a template; a syntax error is a <see cref="TemplateException"/> with its line and column.</summary>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parsed = Parser.Parse(Lexer.Tokenize(source, trimBlocks: true, lstripBlocks: true));
        return new ChatTemplate(parsed.Body, parsed.ReferencedNames.Contains("tools"));
    }

    /// <summary>
    /// Renders the prompt. A template's <c>raise_exception(...)</c> or a fault while rendering is a
    /// <see cref="TemplateException"/>; a <see cref="ChatTemplateContext.ToolsJson"/> that is not a JSON array is an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public string Render(ChatTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Interpreter().Render(_body, TemplateVariables.Create(context));
    }
}
