namespace Oprel.Worker.Tests.Templates;

/// <summary>set, block set, namespace() and scoping.</summary>
public sealed class AssignmentTests
{
    [Fact]
    public void SetInsideALoop_DoesNotLeakOut()
    {
        Assert.Equal("1", TemplateRunner.Render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}"));
    }

    [Fact]
    public void SetInsideAnIf_IsVisibleAfterIt()
    {
        Assert.Equal("5", TemplateRunner.Render("{% if true %}{% set y = 5 %}{% endif %}{{ y }}"));
    }

    [Fact]
    public void NamespaceAttributes_CarryStateOutOfLoops()
    {
        Assert.Equal("7a", TemplateRunner.Render("{% set ns = namespace(x=1, y='a') %}{% for i in [1,2,3] %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}{{ ns.y }}"));
        Assert.Equal("True", TemplateRunner.Render(
            "{% set ns = namespace() %}{% set ns.found = false %}{% for m in ['a','b'] %}{% if m == 'b' %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}"));
    }

    [Fact]
    public void TupleAssignment_UnpacksValues()
    {
        Assert.Equal("12(3, 4)", TemplateRunner.Render("{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c = (3, 4) %}{{ c }}"));
    }

    [Fact]
    public void BlockSet_CapturesTheRenderedBody()
    {
        Assert.Equal("[hello world]", TemplateRunner.Render("{% set x %}hello {{ 'world' }}{% endset %}[{{ x }}]"));
    }

    [Fact]
    public void SetOnAContextVariable_ShadowsItForTheRestOfTheTemplate()
    {
        Assert.Equal("2", TemplateRunner.Render("{% set messages = messages + [1] %}{{ messages | length }}", ("messages", new object[] { "a" })));
    }

    [Fact]
    public void AttributeAssignmentOnANonNamespace_Fails()
    {
        var exception = TemplateRunner.Fails("{% set x = 1 %}{% set x.y = 2 %}");

        Assert.Contains("not a namespace()", exception.Detail, StringComparison.Ordinal);
        Assert.Equal(1, exception.Line);
        Assert.Equal(19, exception.Column);
    }

    [Fact]
    public void TupleAssignmentWithTheWrongCount_Fails()
    {
        Assert.Equal("too many values to unpack (expected 2)", TemplateRunner.Fails("{% for a, b in [[1,2,3]] %}{% endfor %}").Detail);
    }
}
