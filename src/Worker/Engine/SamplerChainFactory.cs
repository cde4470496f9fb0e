using LLama.Native;
using Oprel.Rpc;

namespace Oprel.Worker.Engine;

/// <summary>Builds llama.cpp's sampler chain for one sequence, in llama.cpp's own order.</summary>
internal static class SamplerChainFactory
{
    public static SafeLLamaSamplerChainHandle Create(SafeLlamaModelHandle model, SamplingOptions options)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            if (!string.IsNullOrEmpty(options.Grammar))
            {
                chain.AddGrammar(model, options.Grammar, "root");
            }

            if (options.RepeatPenalty != 1f || options.PresencePenalty != 0f || options.FrequencyPenalty != 0f)
            {
                var lastN = options.RepeatLastN < 0 ? int.MaxValue / 2 : options.RepeatLastN;
                chain.AddPenalties(lastN, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty);
            }

            if (options.Temperature <= 0f)
            {
                chain.AddGreedySampler();
                return chain;
            }

            if (options.TopK > 0)
            {
                chain.AddTopK(options.TopK);
            }

            if (options.TopP is > 0f and < 1f)
            {
                chain.AddTopP(options.TopP, 1);
            }

            if (options.MinP is > 0f and < 1f)
            {
                chain.AddMinP(options.MinP, 1);
            }

            chain.AddTemperature(options.Temperature);
            chain.AddDistributionSampler(options.Seed ?? (uint)Random.Shared.Next());
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
