namespace Oprel.Worker.Tests.Grammar;

/// <summary>The probe itself: llama.cpp must reject what is wrong, or the other grammar tests prove nothing.</summary>
public sealed class LlamaGrammarProbeTests(TinyGrammarFixture tiny) : IClassFixture<TinyGrammarFixture>
{
    [Fact]
    public void Parses_ValidGrammar_True()
    {
        Assert.True(tiny.Probe.Parses("root ::= \"a\" [0-9]+"));
    }

    [Theory]
    [InlineData("root ::= \"a")]
    [InlineData("root ::= missing")]
    [InlineData("start ::= \"a\"")]
    [InlineData("root ::= root \"a\"")]
    [InlineData("root ::= \"a\"{0,3000}")]
    public void Parses_BrokenGrammar_False(string gbnf)
    {
        Assert.False(tiny.Probe.Parses(gbnf));
    }

    [Theory]
    [InlineData("ab1", true)]
    [InlineData("ab", false)]
    [InlineData("ab12", true)]
    [InlineData("a b1", false)]
    [InlineData("ab1x", false)]
    public void Accepts_TextAgainstGrammar_MatchesLanguage(string text, bool expected)
    {
        Assert.Equal(expected, tiny.Probe.Accepts("root ::= \"ab\" [0-9]+", text));
    }

    [Fact]
    public void Accepts_SpacesNewlinesAndUnicode_FedAsTheirTokens()
    {
        Assert.True(tiny.Probe.Accepts("root ::= \"a b\\n\" [\\u00E9] \"\\u4E2D\"", "a b\n\u00E9\u4E2D"));
    }
}
