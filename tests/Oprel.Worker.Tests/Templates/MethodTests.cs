namespace Oprel.Worker.Tests.Templates;

/// <summary>The string and dict methods templates call.</summary>
public sealed class MethodTests
{
    [Theory]
    [InlineData("{{ '  x  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '\\n\\nab\\n'.lstrip('\\n') }}|{{ 'ab  '.rstrip() }}", "x|a|ab\n|ab")]
    [InlineData("{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a,b,c'.split(',', 1) }}|{{ 'a,b,c'.rsplit(',', 1) }}", "['a', 'b', '', 'c']|['a', 'b']|['a', 'b,c']|['a,b', 'c']")]
    [InlineData("{{ 'hello'.startswith('he') }}{{ 'hello'.endswith('lo') }}{{ 'hello'.startswith(('x', 'h')) }}", "TrueTrueTrue")]
    [InlineData("{{ 'Hi'.upper() }}{{ 'Hi'.lower() }} {{ \"they're bill's\".title() }}", "HIhi They'Re Bill'S")]
    [InlineData("{{ 'a-b'.replace('-', '+') }}{{ 'abcabc'.find('c') }}{{ 'abcabc'.count('b') }}{{ '-'.join(['a','b']) }}", "a+b22a-b")]
    [InlineData("{{ '<think>x</think>answer'.split('</think>')[-1] }}", "answer")]
    [InlineData("{{ '<think>\\nr\\n</think>\\n\\nans'.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}", "r")]
    [InlineData("{{ {'a':1,'b':2}.keys() | list }}{{ {'a':1,'b':2}.values() | list }}{{ {'a':1}.items() | list }}", "['a', 'b'][1, 2][('a', 1)]")]
    [InlineData("{{ {'a':1}.get('a') }}{{ {'a':1}.get('z') }}{{ {'a':1}.get('z', 'dflt') }}", "1Nonedflt")]
    public void Method_BehavesAsInPython(string source, string expected)
    {
        Assert.Equal(expected, TemplateRunner.Render(source));
    }

    [Fact]
    public void MutatingMethods_AreRefusedAsInTheImmutableSandbox()
    {
        Assert.Contains("cannot change a list", TemplateRunner.Fails("{{ [].append(1) }}").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMethod_FailsWhenCalled()
    {
        Assert.Contains("'str object' has no attribute 'nosuch'", TemplateRunner.Fails("{{ 'abc'.nosuch() }}").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Globals_RangeNamespaceDictAndStrftimeNow()
    {
        Assert.Equal("[0, 1, 2][1, 2, 3][10, 7, 4, 1][]", TemplateRunner.Render("{{ range(3) | list }}{{ range(1, 4) | list }}{{ range(10, 0, -3) | list }}{{ range(0) | list }}"));
        Assert.Equal("{'a': 1, 'b': 'x'}1", TemplateRunner.Render("{{ dict(a=1, b='x') }}{{ namespace(a=1).a }}"));
        Assert.Equal(
            "2025-03-07 14:05:09 07 Mar March Friday Fri 066 PM 02 25 7",
            TemplateRunner.Render("{{ strftime_now('%Y-%m-%d %H:%M:%S %d %b %B %A %a %j %p %I %y %-d') }}"));
    }

    [Fact]
    public void HugeRange_IsRefusedAsInTheSandbox()
    {
        Assert.Contains("limited to 100000", TemplateRunner.Fails("{{ range(1000000) | length }}").Detail, StringComparison.Ordinal);
    }
}
