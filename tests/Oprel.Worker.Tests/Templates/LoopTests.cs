namespace Oprel.Worker.Tests.Templates;

public sealed class LoopTests
{
    [Fact]
    public void LoopVariables_TrackThePosition()
    {
        var output = TemplateRunner.Render(
            "{% for x in [1,2,3] %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }};{% endfor %}");

        Assert.Equal("10TrueFalse332;21FalseFalse321;32FalseTrue310;", output);
    }

    [Fact]
    public void ForElse_RendersTheElseBlockForAnEmptySequence()
    {
        Assert.Equal("empty", TemplateRunner.Render("{% for x in [] %}a{% else %}empty{% endfor %}"));
    }

    [Fact]
    public void TupleTarget_UnpacksDictItems()
    {
        Assert.Equal("a=1,b=2,", TemplateRunner.Render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }},{% endfor %}"));
    }

    [Fact]
    public void LoopFilter_CountsOnlyTheItemsThatPass()
    {
        Assert.Equal("1/1/5 3/2/5 5/3/5 7/4/5 9/5/5 ", TemplateRunner.Render("{% for x in range(10) if x is odd %}{{ x }}/{{ loop.index }}/{{ loop.length }} {% endfor %}"));
    }

    [Fact]
    public void BreakAndContinue_ControlTheLoop()
    {
        Assert.Equal("13", TemplateRunner.Render("{% for x in [1,2,3,4] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}"));
    }

    [Fact]
    public void Iteration_WalksStringCharactersAndDictKeysInOrder()
    {
        Assert.Equal("a-b-c-", TemplateRunner.Render("{% for x in 'abc' %}{{ x }}-{% endfor %}"));
        Assert.Equal("ba", TemplateRunner.Render("{% for x in {'b': 1, 'a': 2} %}{{ x }}{% endfor %}"));
    }

    [Fact]
    public void NestedLoops_EachSeeTheirOwnLoopVariable()
    {
        Assert.Equal("11x 21y 1|12x 22y 2|", TemplateRunner.Render("{% for a in [1,2] %}{% for b in 'xy' %}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{{ loop.index }}|{% endfor %}"));
    }

    [Fact]
    public void CyclePrevitemAndNextitem_Work()
    {
        Assert.Equal("odd2 even13 odd2 ", TemplateRunner.Render("{% for x in [1,2,3] %}{{ loop.cycle('odd', 'even') }}{{ loop.previtem }}{{ loop.nextitem }} {% endfor %}"));
    }

    [Fact]
    public void ReverseIteration_WithSlicing()
    {
        Assert.Equal("2:c 1:b 0:a ", TemplateRunner.Render("{% for m in items[::-1] %}{{ (items|length - 1) - loop.index0 }}:{{ m }} {% endfor %}", ("items", new[] { "a", "b", "c" })));
    }

    [Fact]
    public void UndefinedIterable_IteratesAsEmpty()
    {
        Assert.Equal("none", TemplateRunner.Render("{% for x in nothing %}a{% else %}none{% endfor %}"));
    }
}
