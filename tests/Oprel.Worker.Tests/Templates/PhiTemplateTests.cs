namespace Oprel.Worker.Tests.Templates;

public sealed class PhiTemplateTests
{
    [Fact]
    public void Phi3_Conversation_DropsTheSystemMessageAndOpensTheAssistantAfterEachUser()
    {
        var prompt = TemplateFixtures.Load("phi3").Render(Conversations.Context(Conversations.Standard, "<s>", "<|endoftext|>"));

        Assert.Equal(
            "<s><|user|>\nWhat is the capital of France?<|end|>\n<|assistant|>\nThe capital of France is Paris.<|end|>\n" +
            "<|user|>\nAnd of Germany?<|end|>\n<|assistant|>\n",
            prompt);
    }

    [Fact]
    public void Phi35_Conversation_RendersSystemUserAndAssistantBlocks()
    {
        var prompt = TemplateFixtures.Load("phi3.5").Render(Conversations.Context(Conversations.Standard, "<s>", "<|endoftext|>"));

        Assert.Equal(
            "<|system|>\nYou are a helpful assistant.<|end|>\n<|user|>\nWhat is the capital of France?<|end|>\n" +
            "<|assistant|>\nThe capital of France is Paris.<|end|>\n<|user|>\nAnd of Germany?<|end|>\n<|assistant|>\n",
            prompt);
    }

    [Fact]
    public void Phi35_WithoutGenerationPrompt_EndsWithTheEosToken()
    {
        var context = Conversations.Context(Conversations.Standard, "<s>", "<|endoftext|>") with { AddGenerationPrompt = false };

        var prompt = TemplateFixtures.Load("phi3.5").Render(context);

        Assert.EndsWith("<|user|>\nAnd of Germany?<|end|>\n<|endoftext|>", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Phi4_Conversation_RendersImSepTurns()
    {
        var prompt = TemplateFixtures.Load("phi4").Render(Conversations.Context(Conversations.Standard, "<|endoftext|>", "<|im_end|>"));

        Assert.Equal(
            "<|im_start|>system<|im_sep|>You are a helpful assistant.<|im_end|><|im_start|>user<|im_sep|>What is the capital of Franc" +
            "e?<|im_end|><|im_start|>assistant<|im_sep|>The capital of France is Paris.<|im_end|><|im_start|>user<|im_sep|>And of Ger" +
            "many?<|im_end|><|im_start|>assistant<|im_sep|>",
            prompt);
    }
}
