namespace Oprel.Worker.Tests.Templates;

/// <summary>SmolLM2, DeepSeek-Coder, DeepSeek-R1-Distill and TinyLlama.</summary>
public sealed class SmallModelTemplateTests
{
    private const string DeepSeekBos = "<｜begin▁of▁sentence｜>";

    [Fact]
    public void SmolLm2_Conversation_RendersChatMl()
    {
        var prompt = TemplateFixtures.Load("smollm2").Render(Conversations.Context(Conversations.Standard, "<|im_start|>", "<|im_end|>"));

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n" +
            "What is the capital of France?<|im_end|>\n<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n" +
            "<|im_start|>user\nAnd of Germany?<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void SmolLm2_WithoutSystem_AddsTheDefaultSystemPrompt()
    {
        var prompt = TemplateFixtures.Load("smollm2").Render(Conversations.Context(Conversations.WithoutSystem, "<|im_start|>", "<|im_end|>"));

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n" +
            "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n" +
            "The capital of France is Paris.<|im_end|>\n<|im_start|>user\nAnd of Germany?<|im_end|>\n" +
            "<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void DeepSeekCoder_Conversation_RendersInstructionAndResponseBlocks()
    {
        var prompt = TemplateFixtures.Load("deepseek-coder").Render(Conversations.Context(Conversations.Standard, DeepSeekBos, "<|EOT|>"));

        Assert.Equal(
            "<｜begin▁of▁sentence｜>You are a helpful assistant.### Instruction:\nWhat is the capital of France?\n" +
            "### Response:\nThe capital of France is Paris.\n<|EOT|>\n### Instruction:\nAnd of Germany?\n### Response:\n",
            prompt);
    }

    [Fact]
    public void DeepSeekCoder_WithoutSystem_AddsTheDefaultSystemPrompt()
    {
        var prompt = TemplateFixtures.Load("deepseek-coder").Render(Conversations.Context(Conversations.WithoutSystem, DeepSeekBos, "<|EOT|>"));

        Assert.Equal(
            "<｜begin▁of▁sentence｜>You are an AI programming assistant, utilizing the Deepseek Coder model, " +
            "developed by Deepseek Company, " +
            "and you only answer questions related to computer science. For politically sensitive questions, " +
            "security and privacy issues, and other non-computer science questions, you will refuse to answer\n" +
            "### Instruction:\nWhat is the capital of France?\n### Response:\nThe capital of France is Paris.\n<|EOT|>\n" +
            "### Instruction:\nAnd of Germany?\n### Response:\n",
            prompt);
    }

    [Fact]
    public void DeepSeekR1Distill_Conversation_OpensTheThinkBlock()
    {
        var prompt = TemplateFixtures.Load("deepseek-r1-distill").Render(Conversations.Context(Conversations.Standard, DeepSeekBos, "<｜end▁of▁sentence｜>"));

        Assert.Equal(
            "<｜begin▁of▁sentence｜>You are a helpful assistant.<｜User｜>What is the capital of France?<｜Assistant｜>The capital of Franc" +
            "e is Paris.<｜end▁of▁sentence｜><｜User｜>And of Germany?<｜Assistant｜><think>\n",
            prompt);
    }

    [Fact]
    public void DeepSeekR1Distill_AssistantWithThinking_DropsTheThinkingFromHistory()
    {
        Oprel.Worker.Templates.ChatTemplateMessage[] messages =
        [
            new("user", "What is 2+2?"),
            new("assistant", "<think>\nSimple sum.\n</think>\n\nIt is 4."),
            new("user", "And 3+3?"),
        ];

        var prompt = TemplateFixtures.Load("deepseek-r1-distill").Render(Conversations.Context(messages, DeepSeekBos, "<｜end▁of▁sentence｜>"));

        Assert.Equal(
            "<｜begin▁of▁sentence｜><｜User｜>What is 2+2?<｜Assistant｜>\n\n" +
            "It is 4.<｜end▁of▁sentence｜><｜User｜>And 3+3?<｜Assistant｜><think>\n",
            prompt);
    }

    [Fact]
    public void TinyLlama_Conversation_RendersZephyrTurns()
    {
        var prompt = TemplateFixtures.Load("tinyllama").Render(Conversations.Context(Conversations.Standard, "<s>", "</s>"));

        Assert.Equal(
            "<|system|>\nYou are a helpful assistant.</s>\n<|user|>\nWhat is the capital of France?</s>\n<|assistant|>\n" +
            "The capital of France is Paris.</s>\n<|user|>\nAnd of Germany?</s>\n<|assistant|>\n",
            prompt);
    }
}
