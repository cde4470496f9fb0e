using System.Diagnostics;
using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

public sealed class RenderPerformanceTests
{
    [Theory]
    [InlineData("qwen3")]
    [InlineData("llama3.1")]
    [InlineData("mistral-v0.3")]
    public void Render_TwentyMessageConversation_TakesWellUnderAMillisecond(string fixture)
    {
        var template = TemplateFixtures.Load(fixture);
        var messages = new List<ChatTemplateMessage> { Conversations.System };
        for (var i = 0; i < 19; i++)
        {
            messages.Add(new ChatTemplateMessage(i % 2 == 0 ? "user" : "assistant", $"Message {i}: " + new string('x', 200)));
        }

        var context = Conversations.Context(messages, "<s>", "</s>", Conversations.WeatherToolsJson);
        for (var i = 0; i < 200; i++)
        {
            template.Render(context);
        }

        // The best of many short batches: what a render costs, not how busy the machine running the tests is.
        const int Batches = 100;
        const int RendersPerBatch = 10;
        var best = TimeSpan.MaxValue;
        for (var batch = 0; batch < Batches; batch++)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < RendersPerBatch; i++)
            {
                template.Render(context);
            }

            best = TimeSpan.FromTicks(Math.Min(best.Ticks, stopwatch.Elapsed.Ticks / RendersPerBatch));
        }

        Assert.True(best < TimeSpan.FromMilliseconds(1), $"{fixture}: {best.TotalMicroseconds:F0} µs a render");
    }
}
