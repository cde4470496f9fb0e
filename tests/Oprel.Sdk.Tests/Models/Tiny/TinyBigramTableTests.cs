using Oprel.Models.Tiny;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class TinyBigramTableTests
{
    private static readonly TinyVocabulary Vocabulary = TinyVocabulary.Create(TinyCorpus.Story);
    private static readonly TinyBigramTable Bigrams = TinyBigramTable.Create(TinyCorpus.Story, Vocabulary);

    [Fact]
    public void Contexts_Story_FitTheEmbedding()
    {
        Assert.True(Bigrams.Contexts.Count < TinyHyperparameters.EmbeddingLength);
        Assert.Null(Bigrams.Contexts[TinyBigramTable.StartContextIndex].TokenId);
    }

    [Fact]
    public void GreedyPath_FromStart_TellsAShortStoryAndEnds()
    {
        var words = new List<string>();
        var context = TinyBigramTable.StartContextIndex;
        for (var step = 0; step < 50; step++)
        {
            var next = Bigrams.Contexts[context].GreedyTokenId;
            if (next == TinyVocabulary.ImEndId)
            {
                break;
            }

            words.Add(Vocabulary.Tokens[next].Replace(TinyVocabulary.WordBoundary, " ", StringComparison.Ordinal));
            context = Bigrams.ContextIndexOf(next);
        }

        Assert.Equal(" Long ago a small red fox lived happily ever after!", string.Concat(words));
    }

    [Fact]
    public void ContextIndexOf_NonWordTokens_LeadToStart()
    {
        Assert.Equal(TinyBigramTable.StartContextIndex, Bigrams.ContextIndexOf(TinyVocabulary.BeginOfSequenceId));
        Assert.Equal(TinyBigramTable.StartContextIndex, Bigrams.ContextIndexOf(TinyVocabulary.ImStartId));
        Assert.Equal(TinyBigramTable.StartContextIndex, Bigrams.ContextIndexOf(TinyVocabulary.FirstByteId + '\n'));
        Assert.Equal(TinyBigramTable.StartContextIndex, Bigrams.ContextIndexOf(Vocabulary.IdOf("\u2581fo")));
        Assert.NotEqual(TinyBigramTable.StartContextIndex, Bigrams.ContextIndexOf(Vocabulary.IdOf("\u2581fox")));
    }

    [Fact]
    public void Contexts_EveryParagraphEnd_IsFollowedByEndOfTurn()
    {
        var endings = Bigrams.Contexts
            .SelectMany(context => context.Transitions)
            .Where(transition => transition.TokenId == TinyVocabulary.ImEndId)
            .Sum(transition => transition.Count);

        Assert.Equal(TinyCorpus.Story.Paragraphs.Count, endings);
    }

    [Fact]
    public void IsOutputToken_WordsMarksAndEndOfTurn_OnlyThose()
    {
        Assert.True(Bigrams.IsOutputToken(Vocabulary.IdOf("\u2581fox")));
        Assert.True(Bigrams.IsOutputToken(Vocabulary.IdOf(".")));
        Assert.True(Bigrams.IsOutputToken(TinyVocabulary.ImEndId));
        Assert.False(Bigrams.IsOutputToken(Vocabulary.IdOf("\u2581fo")));
        Assert.False(Bigrams.IsOutputToken(TinyVocabulary.BeginOfSequenceId));
        Assert.False(Bigrams.IsOutputToken(TinyVocabulary.FirstByteId));
    }
}
