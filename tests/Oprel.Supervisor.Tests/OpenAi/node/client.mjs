// Drives oprel serve's OpenAI-compatible API with the official openai package, as an application would.
// Usage: node client.mjs PORT SCENARIO. Prints one JSON object that OpenAiNodeClientTests.cs asserts on.
import OpenAI from 'openai';

const [port, scenario] = process.argv.slice(2);
const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'oprel', maxRetries: 0, timeout: 60_000 });
const messages = [{ role: 'user', content: 'Why is the sky blue?' }];
// A seed with which tiny talks for far more than the token limits below, so that they end with "length".
const seed = 4;

async function failure(call) {
  try {
    await call();
    return { thrown: false };
  } catch (error) {
    return {
      thrown: true,
      isApiError: error instanceof OpenAI.APIError,
      name: error.constructor.name,
      status: error.status ?? null,
      type: error.type ?? null,
      message: error.error?.message ?? error.message,
    };
  }
}

const scenarios = {
  async chat() {
    const completion = await client.chat.completions.create({ model: 'tiny', messages, seed, max_tokens: 12 });
    const [choice] = completion.choices;
    return {
      id: completion.id,
      object: completion.object,
      model: completion.model,
      choices: completion.choices.length,
      role: choice.message.role,
      content: choice.message.content,
      finishReason: choice.finish_reason,
      usage: completion.usage,
    };
  },

  async stream() {
    const stream = await client.chat.completions.create({
      model: 'tiny', messages, seed, max_tokens: 8, stream: true, stream_options: { include_usage: true },
    });
    const ids = new Set();
    const roles = [];
    let content = '';
    let finishReason = null;
    let usage = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      ids.add(chunk.id);
      const [choice] = chunk.choices;
      if (choice) {
        roles.push(choice.delta.role ?? null);
        content += choice.delta.content ?? '';
        finishReason = choice.finish_reason ?? finishReason;
      }
      usage = chunk.usage ?? usage;
    }
    return { chunks, ids: ids.size, roles, content, finishReason, usage };
  },

  async helper() {
    // The SDK's stream helper accumulates the chunks into a whole completion.
    const runner = client.chat.completions.stream({ model: 'tiny', messages, seed, max_tokens: 6 });
    const completion = await runner.finalChatCompletion();
    return { content: completion.choices[0].message.content, finishReason: completion.choices[0].finish_reason };
  },

  async json() {
    const answers = [];
    for (let answerSeed = 1; answerSeed <= 4; answerSeed++) {
      const completion = await client.chat.completions.create({
        model: 'tiny', seed: answerSeed, max_tokens: 30, response_format: { type: 'json_object' },
        messages: [{ role: 'user', content: 'Answer in JSON.' }],
      });
      const [choice] = completion.choices;
      let parsed = null;
      try {
        parsed = JSON.parse(choice.message.content);
      } catch {
        parsed = null;
      }
      answers.push({ finishReason: choice.finish_reason, isObject: parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) });
    }
    return { answers };
  },

  async completions() {
    const completion = await client.completions.create({ model: 'tiny', prompt: 'Once upon a time', seed, max_tokens: 10 });
    return { id: completion.id, object: completion.object, text: completion.choices[0].text, finishReason: completion.choices[0].finish_reason, usage: completion.usage };
  },

  async embeddings() {
    const input = ['the fox ran', 'a river'];
    // Without encoding_format the SDK asks for base64 and decodes it itself.
    const decoded = await client.embeddings.create({ model: 'tiny', input });
    const floats = await client.embeddings.create({ model: 'tiny', input, encoding_format: 'float' });
    return {
      object: decoded.object,
      model: decoded.model,
      indexes: decoded.data.map((d) => d.index),
      decoded: decoded.data.map((d) => Array.from(d.embedding)),
      floats: floats.data.map((d) => d.embedding),
      usage: decoded.usage,
    };
  },

  async models() {
    const page = await client.models.list();
    const ids = [];
    for await (const model of page) {
      ids.push(model.id);
    }
    const tiny = await client.models.retrieve('tiny');
    const missing = await failure(() => client.models.retrieve('no-such-model'));
    return { ids, tiny: { id: tiny.id, object: tiny.object, ownedBy: tiny.owned_by }, missing };
  },

  async errors() {
    return {
      unknownModel: await failure(() => client.chat.completions.create({ model: 'no-such-model', messages })),
      badTemperature: await failure(() => client.chat.completions.create({ model: 'tiny', messages, temperature: 5 })),
      unknownModelStreaming: await failure(async () => {
        const stream = await client.chat.completions.create({ model: 'no-such-model', messages, stream: true });
        for await (const _ of stream) {
          // drain
        }
      }),
      badEmbeddingInput: await failure(() => client.embeddings.create({ model: 'tiny', input: [] })),
    };
  },
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario '${scenario}'; use one of ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

console.log(JSON.stringify(await scenarios[scenario]()));
