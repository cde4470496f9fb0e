using LLama.Native;
using LLama.Sampling;
using Oprel.Models.Tiny;

namespace Oprel.Sdk.Tests.Models.Tiny;

public sealed class TinyModelLlamaTests : IClassFixture<TinyLlamaFixture>
{
    private const string StoryRequest = "Tell me a story about a fox.";

    private static readonly TinyVocabulary Vocabulary = TinyVocabulary.Create(TinyCorpus.Story);

    private readonly TinyLlamaFixture _fixture;

    public TinyModelLlamaTests(TinyLlamaFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void LoadFromFile_TinyModel_HasTheWholeVocabularyAndChatTokens()
    {
        var vocabulary = _fixture.Weights.Vocab;

        Assert.Equal(Vocabulary.Count, vocabulary.Count);
        Assert.Equal(LLamaVocabType.SentencePiece, vocabulary.Type);
        Assert.Equal(TinyVocabulary.BeginOfSequenceId, (int)vocabulary.BOS!.Value);
        Assert.Equal(TinyVocabulary.ImEndId, (int)vocabulary.EOS!.Value);
        Assert.Equal(TinyVocabulary.ImEndId, (int)vocabulary.EOT!.Value);
        Assert.True(vocabulary.ShouldAddBOS);
        Assert.False(vocabulary.ShouldAddEOS);
        Assert.Equal(TinyHyperparameters.EmbeddingLength, _fixture.Weights.EmbeddingSize);
    }

    [Fact]
    public void Tokenize_TheFox_GivesWholeWordTokens()
    {
        var tokens = _fixture.Weights.Tokenize("the fox", add_bos: false, special: false, System.Text.Encoding.UTF8);

        Assert.Equal([Vocabulary.IdOf("\u2581the"), Vocabulary.IdOf("\u2581fox")], tokens.Select(token => (int)token));
    }

    [Fact]
    public void Tokenize_SentenceWithPunctuation_GivesWordAndMarkTokens()
    {
        var tokens = _fixture.Weights.Tokenize("The sky is blue, and the river runs!", add_bos: true, special: false, System.Text.Encoding.UTF8);

        var pieces = tokens.Select(token => Vocabulary.Tokens[(int)token]).ToArray();
        Assert.Equal(
            ["<s>", "\u2581The", "\u2581sky", "\u2581is", "\u2581blue", ",", "\u2581and", "\u2581the", "\u2581river", "\u2581run", "s", "!"],
            pieces);
    }

    [Fact]
    public void ChatPrompt_ModelTemplate_IsChatMl()
    {
        var prompt = TinyGeneration.ChatPrompt(_fixture.Weights, StoryRequest);

        Assert.Equal($"<|im_start|>user\n{StoryRequest}<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void Greedy_AfterChatPrompt_TellsTheShortStoryAndEnds()
    {
        var prompt = TinyGeneration.ChatPrompt(_fixture.Weights, StoryRequest);

        var result = TinyGeneration.Greedy(_fixture, prompt, maxTokens: 40);

        AssertReadable(result);
        Assert.True(result.EndedOnItsOwn);
        Assert.Equal("Long ago a small red fox lived happily ever after!", result.Text.Trim());
    }

    [Fact]
    public void Greedy_AfterAStoryWord_ContinuesWithWords()
    {
        var result = TinyGeneration.Greedy(_fixture, "The sky", maxTokens: 40);

        AssertReadable(result);
        Assert.NotEmpty(result.Tokens);
    }

    [Fact]
    public void Sample_TemperatureAfterChatPrompt_ReadsAsWordsAndEndsOnItsOwn()
    {
        var prompt = TinyGeneration.ChatPrompt(_fixture.Weights, StoryRequest);
        var results = new List<TinyGenerationResult>();

        for (uint seed = 1; seed <= 5; seed++)
        {
            using var sampler = new DefaultSamplingPipeline { Temperature = 0.7f, Seed = seed };
            results.Add(TinyGeneration.Sample(_fixture, prompt, maxTokens: 450, sampler));
        }

        Assert.All(results, AssertReadable);
        Assert.True(results.Count(result => result.EndedOnItsOwn) >= 4, "Sampled stories should end with <|im_end|> on their own.");
        Assert.True(results.Select(result => result.Text).Distinct(StringComparer.Ordinal).Count() > 1, "Different seeds should tell different stories.");
    }

    private static void AssertReadable(TinyGenerationResult result)
    {
        Assert.All(result.Tokens, token => Assert.True(
            Vocabulary.Types[(int)token] == TinyTokenType.Normal,
            $"Token {(int)token} '{Vocabulary.Tokens[(int)token]}' is not a word."));
        Assert.DoesNotContain("<", result.Text, StringComparison.Ordinal);
        var text = result.Text.Trim();
        if (text.Length == 0)
        {
            return;
        }

        var lastMark = TinyCorpus.Punctuation.Contains(text[^1], StringComparison.Ordinal) && text[^1] != ',';
        var generated = TinyCorpus.Parse(lastMark ? text : text + ".");
        Assert.All(generated.Words, word => Assert.Contains(word, TinyCorpus.Story.Words));
    }
}
