using Oprel.Models.Tiny;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class TinyCorpusTests
{
    [Fact]
    public void Parse_WordsWithMarks_SplitsMarksIntoTokensOfTheirOwn()
    {
        var corpus = TinyCorpus.Parse("The fox ran, and ran!\n\nWhy?\n");

        Assert.Equal(2, corpus.Paragraphs.Count);
        Assert.Equal(["The", "fox", "ran", ",", "and", "ran", "!"], corpus.Paragraphs[0]);
        Assert.Equal(["Why", "?"], corpus.Paragraphs[1]);
        Assert.Equal(["The", "fox", "ran", "and", "Why"], corpus.Words);
    }

    [Theory]
    [InlineData("The fox's tail.")]
    [InlineData("Two foxes ran 2 miles.")]
    [InlineData("A fox ran")]
    [InlineData("A fox ran,")]
    public void Parse_TextOutsideTheFormat_Throws(string text)
    {
        Assert.Throws<FormatException>(() => TinyCorpus.Parse(text));
    }

    [Fact]
    public void Story_Parsed_HasAFewHundredDistinctWordsInSeveralParagraphs()
    {
        var story = TinyCorpus.Story;

        Assert.InRange(story.Words.Count, 250, 380);
        Assert.InRange(story.Paragraphs.Count, 8, 12);
        Assert.Contains("fox", story.Words);
        Assert.Contains("sky", story.Words);
        Assert.Contains("river", story.Words);
        Assert.Contains("friends", story.Words);
    }
}
