namespace Oprel.Worker.Tests.Templates;

/// <summary>Whitespace as transformers renders it: trim_blocks and lstrip_blocks on, plus the '-' and '+' markers.</summary>
public sealed class WhitespaceControlTests
{
    [Fact]
    public void MinusMarkers_StripWhitespaceIncludingNewlinesOnTheirSide()
    {
        Assert.Equal("a b c", TemplateRunner.Render("a  {%- if true %} b {% endif -%}  c"));
        Assert.Equal("a b c", TemplateRunner.Render("a {{- ' b ' -}} c"));
        Assert.Equal("xy  z", TemplateRunner.Render("{# comment #}\nx{#- c -#}  y  {# c\n #}\nz"));
    }

    [Fact]
    public void TrimBlocks_DropsTheNewlineAfterABlockTagButNotAfterAnExpression()
    {
        Assert.Equal("a\nb\nc", TemplateRunner.Render("a\n{% if true %}\nb\n{% endif %}\nc"));
        Assert.Equal("a\nb", TemplateRunner.Render("{{ 'a' }}\n{{ 'b' }}\n"));
    }

    [Fact]
    public void LstripBlocks_RemovesTheIndentationBeforeABlockTag()
    {
        Assert.Equal("line\n    0\n    1\nend", TemplateRunner.Render("line\n    {% for i in range(2) %}\n    {{ i }}\n    {% endfor %}\nend\n"));
        Assert.Equal("x  \n  y", TemplateRunner.Render("  {% if true %}x{% endif %}  \n  y"));
    }

    [Fact]
    public void PlusMarkers_KeepWhatLstripAndTrimWouldRemove()
    {
        Assert.Equal("a b", TemplateRunner.Render("a {%+ if true %}b{% endif %}\n"));
        Assert.Equal("\nx", TemplateRunner.Render("{% if true +%}\nx{% endif %}"));
    }

    [Fact]
    public void DashOnBothSides_StripsAroundLoopBodies()
    {
        Assert.Equal("01", TemplateRunner.Render("{%- for i in range(2) -%}\n  {{ i }}\n{%- endfor -%}"));
        Assert.Equal("  0\n  1\n", TemplateRunner.Render("{% for i in range(2) %}\n  {{ i }}\n{% endfor %}"));
    }

    [Fact]
    public void RawBlock_PrintsTagsLiterally()
    {
        Assert.Equal("{{ not parsed }}{% x %}", TemplateRunner.Render("{% raw %}{{ not parsed }}{% endraw %}\n{%- raw -%}  {% x %}  {%- endraw %}"));
    }

    [Fact]
    public void WindowsNewlinesAndOneTrailingNewline_AreNormalizedAsJinjaDoes()
    {
        Assert.Equal("x\ny z", TemplateRunner.Render("x\r\ny {% if 1 %}\r\nz{% endif %}\r\n"));
    }
}
