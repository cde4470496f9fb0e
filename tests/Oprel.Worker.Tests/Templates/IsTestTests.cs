namespace Oprel.Worker.Tests.Templates;

/// <summary>The <c>is</c> tests and the <c>in</c> operator.</summary>
public sealed class IsTestTests
{
    [Theory]
    [InlineData("{{ x is defined }}{{ y is undefined }}{{ none is none }}{{ 1 is not none }}", "TrueTrueTrueTrue")]
    [InlineData("{{ 'a' is string }}{{ 1 is string }}{{ {} is mapping }}{{ [] is mapping }}", "TrueFalseTrueFalse")]
    [InlineData("{{ [] is iterable }}{{ 'a' is iterable }}{{ 1 is iterable }}", "TrueTrueFalse")]
    [InlineData("{{ 1 is number }}{{ 1.5 is number }}{{ true is number }}{{ '1' is number }}", "TrueTrueTrueFalse")]
    [InlineData("{{ [] is sequence }}{{ 'a' is sequence }}{{ 1 is sequence }}", "TrueTrueFalse")]
    [InlineData("{{ true is boolean }}{{ 1 is boolean }}{{ true is true }}{{ 1 is true }}{{ false is false }}{{ 0 is false }}", "TrueFalseTrueFalseTrueFalse")]
    [InlineData("{{ 1 is equalto 1 }}{{ 'a' is eq 'b' }}{{ 2 is in [1,2] }}{{ 4 is divisibleby 2 }}{{ 3 is even }}{{ 3 is odd }}", "TrueFalseTrueTrueFalseTrue")]
    [InlineData("{{ 1 is integer }}{{ 1.0 is float }}{{ true is integer }}{{ 'ab' is lower }}{{ 'AB' is upper }}", "TrueTrueFalseTrueTrue")]
    [InlineData("{{ range is callable }}{{ 1 is sameas 1 }}{{ none is sameas none }}{{ 1 is lt 2 }}{{ 2 is ge 2 }}{{ 1 is ne 2 }}", "TrueTrueTrueTrueTrueTrue")]
    [InlineData("{{ 'a' in 'cat' }}{{ 'z' not in 'cat' }}{{ 'k' in {'k': 1} }}{{ 3 in [1,2] }}{{ 'x' in missing }}", "TrueTrueTrueFalseFalse")]
    [InlineData("{{ not 'a' in 'b' }}{{ not x is defined }}{{ x is defined and x > 0 }}", "TrueFalseTrue")]
    public void Test_BehavesAsInJinja(string source, string expected)
    {
        Assert.Equal(expected, TemplateRunner.Render(source, ("x", 1)));
    }

    [Fact]
    public void SelectattrWithEqualto_ComparesDictsByValue()
    {
        Assert.Equal("TrueTrue", TemplateRunner.Render("{% set l = [{'a': 1}] %}{{ l[0] == {'a': 1} }}{{ l[0] in l }}"));
    }
}
