namespace Oprel.Worker.Tests.Templates;

public sealed class FilterTests
{
    [Theory]
    [InlineData("{{ '  hi  ' | trim }}", "hi")]
    [InlineData("{{ 'xxhixx' | trim('x') }}", "hi")]
    [InlineData("{{ 'abc' | upper }}{{ 'ABC' | lower }}", "ABCabc")]
    [InlineData("{{ 'hello wORLD' | title }}", "Hello World")]
    [InlineData("{{ 'hELLO' | capitalize }}", "Hello")]
    [InlineData("{{ [1,2,3] | length }}{{ 'abcd' | count }}{{ {'a':1} | length }}", "341")]
    [InlineData("{{ ['a','b','c'] | join(', ') }}|{{ [1,2] | join }}", "a, b, c|12")]
    [InlineData("{{ [{'n':'x'},{'n':'y'}] | join('-', attribute='n') }}", "x-y")]
    [InlineData("{{ 3 | string }}{{ 2.0 | string }}{{ '42' | int + 1 }}{{ '4.7' | int }}{{ 'x' | int }}{{ '1.5' | float }}{{ 3 | float }}", "32.043401.53.0")]
    [InlineData("{{ [1,2,3] | first }}{{ [1,2,3] | last }}{{ 'abc' | first }}{{ 'abc' | last }}{{ 'abc' | list }}", "13ac['a', 'b', 'c']")]
    [InlineData("{{ {'a': 1, 'b': 2} | items | list }}", "[('a', 1), ('b', 2)]")]
    [InlineData("{{ 'aXbXc' | replace('X', '-') }}{{ 'aaa' | replace('a', 'b', 2) }}", "a-b-cbba")]
    [InlineData("{{ 2.567 | round(2) }}|{{ 2.5 | round }}|{{ 3.5 | round }}|{{ 2.1 | round(0, 'ceil') }}|{{ 2.9 | round(method='floor') }}|{{ 7 | round }}|{{ 2.675 | round(2) }}", "2.57|2.0|4.0|3.0|2.0|7|2.67")]
    [InlineData("{{ -3 | abs }}{{ -2.5 | abs }}", "32.5")]
    [InlineData("{{ '<a href=\"x\">&</a>' | escape }}{{ '<b>' | safe }}{{ \"it's\" | e }}", "&lt;a href=&#34;x&#34;&gt;&amp;&lt;/a&gt;<b>it&#39;s")]
    [InlineData("{{ [{'r':'user'},{'r':'bot'}] | map(attribute='r') | join(',') }}|{{ ['a','b'] | map('upper') | list }}", "user,bot|['A', 'B']")]
    [InlineData("{{ [{'a': {'b': 1}}] | map(attribute='a.b') | list }}{{ [{}] | map(attribute='x', default='d') | list }}", "[1]['d']")]
    [InlineData("{{ [{'r':'user','c':1},{'r':'bot','c':2},{'r':'user','c':3}] | selectattr('r', 'equalto', 'user') | map(attribute='c') | list }}", "[1, 3]")]
    [InlineData("{{ [{'r':'user','c':1},{'r':'bot'}] | selectattr('c', 'defined') | list | length }}{{ [{'r':'user','c':1},{'r':'bot'}] | rejectattr('c') | list | length }}", "11")]
    [InlineData("{{ [1,2,3,4] | select('odd') | list }}{{ [1,2,3,4] | reject('odd') | list }}{{ [0,1,'',2] | select | list }}", "[1, 3][2, 4][1, 2]")]
    [InlineData("{{ [3,1,2,1] | unique | list }}{{ ['a','A'] | unique | list }}", "[3, 1, 2]['a']")]
    [InlineData("{{ ['b','A','a','c'] | sort | list }}{{ [3,1,2] | sort(reverse=true) }}{{ ['B','a','C'] | sort(case_sensitive=true) }}", "['A', 'a', 'b', 'c'][3, 2, 1]['B', 'C', 'a']")]
    [InlineData("{{ [{'n':2},{'n':1}] | sort(attribute='n') | map(attribute='n') | list }}", "[1, 2]")]
    [InlineData("{{ [3,1,2] | reverse | list }}{{ 'abc' | reverse }}", "[2, 1, 3]cba")]
    [InlineData("{{ 'a\nb\n\nc' | indent }}|{{ 'a\nb' | indent(2, true) }}|{{ 'a\n\nb' | indent(2, blank=true) }}", "a\n    b\n\n    c|  a\n  b|a\n  \n  b")]
    [InlineData("{{ [1,2,3] | sum }}{{ [1,2,3] | max }}{{ [1,2,3] | min }}{{ {'b':1,'a':2} | dictsort }}", "631[('a', 2), ('b', 1)]")]
    [InlineData("{{ 'one two  three' | wordcount }}", "3")]
    public void Filter_BehavesAsInJinja(string source, string expected)
    {
        Assert.Equal(expected, TemplateRunner.Render(source));
    }

    [Fact]
    public void Default_ReplacesUndefinedAndWithTheFlagFalsyValues()
    {
        Assert.Equal("dflt|None|e|0|5", TemplateRunner.Render("{{ missing | default('dflt') }}|{{ none | default('d') }}|{{ '' | default('e', true) }}|{{ 0 | d(5) }}|{{ 0 | d(5, true) }}"));
    }

    [Fact]
    public void FiltersOnAnExpression_BindTighterThanArithmetic()
    {
        Assert.Equal("1", TemplateRunner.Render("{{ messages|length - 1 }}", ("messages", new[] { "a", "b" })));
        Assert.Equal("<x>hi</x>", TemplateRunner.Render("{{ '<x>' + content | trim + '</x>' }}", ("content", "  hi  ")));
    }
}
