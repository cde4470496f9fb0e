namespace Oprel.Worker.Tests.Templates;

public sealed class MacroTests
{
    [Fact]
    public void Macro_TakesPositionalKeywordAndDefaultArguments()
    {
        Assert.Equal(
            "Hello, Bob! Hi, Al! Yo, Cy!",
            TemplateRunner.Render("{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}!{% endmacro %}{{ greet('Bob') }} {{ greet('Al', greeting='Hi') }} {{ greet('Cy', 'Yo') }}"));
    }

    [Fact]
    public void MacroResult_IsAStringThatFiltersAccept()
    {
        Assert.Equal("[1][A]", TemplateRunner.Render("{% macro render(x) -%}\n  [{{ x }}]\n{%- endmacro %}\n{{ render(1) }}{{ render('a') | upper }}"));
    }

    [Fact]
    public void Macro_CanRecurse()
    {
        Assert.Equal("321", TemplateRunner.Render("{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(3) }}"));
    }

    [Fact]
    public void EndlessRecursion_FailsInsteadOfOverflowingTheStack()
    {
        var exception = TemplateRunner.Fails("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}");

        Assert.Contains("recursed more than", exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyArgumentsOrAnUnknownKeyword_Fail()
    {
        Assert.Contains("at most 1", TemplateRunner.Fails("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}").Detail, StringComparison.Ordinal);
        Assert.Contains("no parameter 'b'", TemplateRunner.Fails("{% macro m(a) %}{% endmacro %}{{ m(b=1) }}").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerationBlock_RendersItsBody()
    {
        Assert.Equal("<a>abc</a>", TemplateRunner.Render("<a>{% generation %}abc{% endgeneration %}</a>"));
    }
}
