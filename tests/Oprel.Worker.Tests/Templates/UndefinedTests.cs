namespace Oprel.Worker.Tests.Templates;

/// <summary>Undefined values: falsy, print nothing, iterate as empty; calling one or doing arithmetic with it fails.</summary>
public sealed class UndefinedTests
{
    [Fact]
    public void Undefined_RendersEmptyAndIsFalsy()
    {
        Assert.Equal("[]no", TemplateRunner.Render("[{{ missing }}]{% if missing %}yes{% else %}no{% endif %}"));
    }

    [Fact]
    public void Undefined_IsNotDefinedAndNotNone()
    {
        Assert.Equal("FalseTrueFalseTrue", TemplateRunner.Render("{{ missing is defined }}{{ missing is undefined }}{{ missing is none }}{{ missing is not none }}"));
    }

    [Fact]
    public void AttributesAndItemsOfUndefined_AreUndefined()
    {
        Assert.Equal("[]False[]", TemplateRunner.Render("[{{ missing.a.b }}]{{ missing['x'].y is defined }}[{{ d.nope }}]", ("d", new Dictionary<string, object?>())));
    }

    [Fact]
    public void Undefined_HasLengthZeroAndIteratesAsEmpty()
    {
        Assert.Equal("0[]", TemplateRunner.Render("{{ missing | length }}{{ missing | list }}{% for x in missing %}x{% endfor %}"));
    }

    [Fact]
    public void CallingUndefined_FailsNamingIt()
    {
        var exception = TemplateRunner.Fails("{{ missing_function() }}");

        Assert.Contains("'missing_function' is undefined", exception.Detail, StringComparison.Ordinal);
        Assert.Equal(4, exception.Column);
    }

    [Fact]
    public void ArithmeticOnUndefined_FailsNamingIt()
    {
        Assert.Equal("'count' is undefined", TemplateRunner.Fails("{{ count + 1 }}").Detail);
    }

    [Fact]
    public void ConcatenatingUndefined_GivesTheEmptyString()
    {
        Assert.Equal("ab", TemplateRunner.Render("{{ 'a' ~ missing ~ 'b' }}"));
    }
}
