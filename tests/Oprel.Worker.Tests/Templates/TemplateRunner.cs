using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

/// <summary>Renders a template snippet with no messages and the given variables.</summary>
internal static class TemplateRunner
{
    public static string Render(string source, params (string Name, object? Value)[] variables) =>
        ChatTemplate.Parse(source).Render(new ChatTemplateContext
        {
            Messages = [],
            Extra = variables.ToDictionary(variable => variable.Name, variable => variable.Value),
            Clock = FixedClock.March7th2025,
        });

    public static TemplateException Fails(string source, params (string Name, object? Value)[] variables) =>
        Assert.Throws<TemplateException>(() => Render(source, variables));
}
