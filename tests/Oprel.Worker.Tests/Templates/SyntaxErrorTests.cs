using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

public sealed class SyntaxErrorTests
{
    [Theory]
    [InlineData("{% if x %}unclosed", 1, 4, "'if' tag here is never closed")]
    [InlineData("line one\n  {% for x in y %}\n", 2, 6, "'for' tag here is never closed")]
    [InlineData("{{ x ", 1, 1, "never closed with '}}'")]
    [InlineData("{% endif %}", 1, 4, "Unknown tag 'endif'")]
    [InlineData("{% foo %}", 1, 4, "Unknown tag 'foo'")]
    [InlineData("{{ 1 + }}", 1, 8, "Unexpected the end of the expression")]
    [InlineData("a\nb {{ 'abc }}", 2, 6, "The string is never closed")]
    [InlineData("{# never closed", 1, 1, "comment")]
    [InlineData("{{ x | nosuchfilter }}", 1, 8, "No filter named 'nosuchfilter'")]
    [InlineData("{{ x is nosuchtest }}", 1, 9, "No test named 'nosuchtest'")]
    [InlineData("{% include 'x' %}", 1, 4, "'include' is not supported")]
    [InlineData("{% break %}", 1, 4, "only allowed inside a 'for' loop")]
    [InlineData("{{ (1, 2 }}", 1, 10, "Unexpected '}'")]
    [InlineData("{{ @ }}", 1, 4, "Unexpected character '@'")]
    [InlineData("{% macro m(a=1, b) %}{% endmacro %}", 1, 17, "needs a default")]
    [InlineData("{% for x in y %}{% else %}{% else %}{% endfor %}", 1, 30, "Unknown tag 'else'")]
    [InlineData("{% set x = 1 %}\n\n   {% if x > %}", 3, 14, "Unexpected")]
    public void BadTemplate_FailsToParseWithTheLineAndColumn(string source, int line, int column, string message)
    {
        var exception = Assert.Throws<TemplateException>(() => ChatTemplate.Parse(source));

        Assert.Equal(line, exception.Line);
        Assert.Equal(column, exception.Column);
        Assert.Contains(message, exception.Detail, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedExpression_FailsInsteadOfOverflowingTheStack()
    {
        var source = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";

        var exception = Assert.Throws<TemplateException>(() => ChatTemplate.Parse(source));

        Assert.Contains("nested too deeply", exception.Detail, StringComparison.Ordinal);
    }
}
