namespace Oprel.Worker.Tests.Templates;

/// <summary>Slices, subscripts and attribute access.</summary>
public sealed class SubscriptTests
{
    [Theory]
    [InlineData("{{ [1,2,3,4,5][1:3] }}{{ [1,2,3,4,5][-2:] }}{{ [1,2,3,4,5][:-2] }}", "[2, 3][4, 5][1, 2, 3]")]
    [InlineData("{{ [1,2,3,4,5][::-1] }}{{ [1,2,3,4,5][::2] }}{{ [1,2,3,4,5][4:1:-1] }}{{ [1,2,3][::-2] }}", "[5, 4, 3, 2, 1][1, 3, 5][5, 4, 3][3, 1]")]
    [InlineData("{{ [1,2,3][10:] }}{{ [1,2,3][-10:] }}", "[][1, 2, 3]")]
    [InlineData("{{ 'hello'[1:-1] }} {{ 'hello'[::-1] }} {{ 'hello'[-3::-1] }} {{ '{\"a\": 1}'[:-1] }}", "ell olleh leh {\"a\": 1")]
    [InlineData("{{ [1,2,3][-1] }}[{{ [1,2,3][5] }}]{{ 'abc'[0] }}{{ 'abc'[-1] }}[{{ 'abc'[5] }}]", "3[]ac[]")]
    [InlineData("{{ {'a': {'b': 'c'}}['a']['b'] }}{{ {'a': {'b': 'c'}}.a.b }}{{ [[1,2]][0][1] }}{{ [10,20].1 }}", "cc220")]
    public void Subscript_BehavesAsInPython(string source, string expected)
    {
        Assert.Equal(expected, TemplateRunner.Render(source));
    }

    [Fact]
    public void AttributeAndSubscript_ReadTheSameDictKey()
    {
        var message = new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" };

        Assert.Equal("user user user hi", TemplateRunner.Render("{{ m.role }} {{ m['role'] }} {{ m.get('role') }} {{ m.content }}", ("m", message)));
    }

    [Fact]
    public void ZeroSliceStep_Fails()
    {
        Assert.Equal("slice step cannot be zero", TemplateRunner.Fails("{{ [1,2][0:1:0] }}").Detail);
    }
}
