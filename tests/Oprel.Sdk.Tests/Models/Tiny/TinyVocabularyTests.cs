using Oprel.Models.Tiny;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class TinyVocabularyTests
{
    private static readonly TinyVocabulary Vocabulary = TinyVocabulary.Create(TinyCorpus.Story);

    [Fact]
    public void Create_Story_PutsSpecialTokensFirst()
    {
        Assert.Equal("<unk>", Vocabulary.Tokens[TinyVocabulary.UnknownId]);
        Assert.Equal("<s>", Vocabulary.Tokens[TinyVocabulary.BeginOfSequenceId]);
        Assert.Equal("</s>", Vocabulary.Tokens[TinyVocabulary.EndOfSequenceId]);
        Assert.Equal("<|im_start|>", Vocabulary.Tokens[TinyVocabulary.ImStartId]);
        Assert.Equal("<|im_end|>", Vocabulary.Tokens[TinyVocabulary.ImEndId]);
        Assert.Equal(TinyTokenType.Unknown, Vocabulary.Types[TinyVocabulary.UnknownId]);
        Assert.All(
            [TinyVocabulary.BeginOfSequenceId, TinyVocabulary.EndOfSequenceId, TinyVocabulary.ImStartId, TinyVocabulary.ImEndId],
            id => Assert.Equal(TinyTokenType.Control, Vocabulary.Types[id]));
    }

    [Fact]
    public void Create_Story_HasAllByteFallbackTokens()
    {
        for (var value = 0; value < 256; value++)
        {
            var id = TinyVocabulary.FirstByteId + value;
            Assert.Equal($"<0x{value:X2}>", Vocabulary.Tokens[id]);
            Assert.Equal(TinyTokenType.Byte, Vocabulary.Types[id]);
        }
    }

    [Fact]
    public void Create_Story_HasEveryWordWithAllItsPrefixesScoredByLength()
    {
        foreach (var word in TinyCorpus.Story.Words)
        {
            var piece = TinyVocabulary.WordBoundary + word;
            var previousScore = float.NegativeInfinity;
            for (var length = 1; length <= piece.Length; length++)
            {
                var id = Vocabulary.IdOf(piece[..length]);
                Assert.Equal(TinyTokenType.Normal, Vocabulary.Types[id]);
                Assert.True(Vocabulary.Scores[id] > previousScore, $"'{piece[..length]}' must outscore its prefix.");
                previousScore = Vocabulary.Scores[id];
            }
        }
    }

    [Theory]
    [InlineData(".")]
    [InlineData(",")]
    [InlineData("!")]
    [InlineData("?")]
    [InlineData("a")]
    [InlineData("Z")]
    public void IdOf_SingleCharacter_IsNormalToken(string character)
    {
        Assert.Equal(TinyTokenType.Normal, Vocabulary.Types[Vocabulary.IdOf(character)]);
    }

    [Fact]
    public void Create_Story_HasOneToThreeThousandDistinctTokens()
    {
        Assert.InRange(Vocabulary.Count, 1000, 3000);
        Assert.Equal(Vocabulary.Count, Vocabulary.Tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Vocabulary.Count, Vocabulary.Scores.Count);
        Assert.Equal(Vocabulary.Count, Vocabulary.TypeCodes.Count);
    }

    [Fact]
    public void IdOfWord_WordAndMark_MapToBoundaryPieceAndBareMark()
    {
        Assert.Equal(Vocabulary.IdOf("\u2581fox"), Vocabulary.IdOfWord("fox"));
        Assert.Equal(Vocabulary.IdOf("."), Vocabulary.IdOfWord("."));
    }
}
