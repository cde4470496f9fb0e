using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;

namespace Oprel.Worker.Engine;

/// <summary>
/// Text to tokens with one call into llama.cpp. LLamaSharp's Tokenize runs llama_tokenize twice, once to count the
/// tokens and once to fill an array of that size, and a prompt waits for both before its evaluation starts (traced on
/// the 134M benchmark model, 128 tokens: 0.89 instead of 1.06 ms, the count paying for the vocabulary's tables going
/// cold during the previous prompt's evaluation). This calls it once, into a buffer that holds every token the text
/// can give, through the exports of the very llama library LLamaSharp loaded; where that library cannot be found among
/// the process's modules, it tokenizes through LLamaSharp.
/// </summary>
internal sealed unsafe class LlamaTokenizer
{
    private static readonly Lazy<(nint GetVocabulary, nint Tokenize)?> Exports = new(FindExports);

    private readonly SafeLlamaModelHandle _model;
    private readonly delegate* unmanaged<nint, byte*, int, LLamaToken*, int, byte, byte, int> _tokenize;
    private readonly nint _vocabulary;

    private LlamaTokenizer(SafeLlamaModelHandle model)
    {
        _model = model;
        if (Exports.Value is { } exports)
        {
            _tokenize = (delegate* unmanaged<nint, byte*, int, LLamaToken*, int, byte, byte, int>)exports.Tokenize;
            _vocabulary = ((delegate* unmanaged<nint, nint>)exports.GetVocabulary)(model.DangerousGetHandle());
        }
    }

    /// <summary>True when tokenizing calls llama.cpp once, directly; false when it goes through LLamaSharp.</summary>
    public bool IsDirect => _tokenize is not null && _vocabulary != 0;

    /// <summary>A tokenizer for <paramref name="model"/>'s vocabulary; the model must outlive it.</summary>
    public static LlamaTokenizer For(SafeLlamaModelHandle model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new LlamaTokenizer(model);
    }

    /// <summary>The tokens of <paramref name="text"/>, as llama_tokenize gives them.</summary>
    /// <param name="text">The text.</param>
    /// <param name="addSpecial">Add the BOS (and EOS) token the vocabulary asks for.</param>
    /// <param name="parseSpecial">Read special tokens written in the text (such as a template's markers) as themselves.</param>
    public LLamaToken[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsDirect)
        {
            return _model.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8);
        }

        var byteCount = Encoding.UTF8.GetByteCount(text);
        var bytes = ArrayPool<byte>.Shared.Rent(byteCount + 1);
        // One token per byte at most (byte fallback), plus the BOS and EOS tokens the vocabulary may add.
        var tokens = ArrayPool<LLamaToken>.Shared.Rent(byteCount + 2);
        var added = false;
        try
        {
            _model.DangerousAddRef(ref added);
            var length = Encoding.UTF8.GetBytes(text, bytes);
            var count = Call(bytes, length, tokens, addSpecial, parseSpecial);
            if (count < 0 && count != int.MinValue)
            {
                // Not with the bound above, but llama.cpp says how many it needs: give it that.
                ArrayPool<LLamaToken>.Shared.Return(tokens);
                tokens = ArrayPool<LLamaToken>.Shared.Rent(-count);
                count = Call(bytes, length, tokens, addSpecial, parseSpecial);
            }

            if (count < 0)
            {
                throw new InvalidOperationException($"llama_tokenize failed ({count}) for a text of {byteCount} bytes.");
            }

            return tokens.AsSpan(0, count).ToArray();
        }
        finally
        {
            if (added)
            {
                _model.DangerousRelease();
            }

            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<LLamaToken>.Shared.Return(tokens);
        }
    }

    private int Call(byte[] text, int length, LLamaToken[] tokens, bool addSpecial, bool parseSpecial)
    {
        fixed (byte* textPointer = text)
        fixed (LLamaToken* tokensPointer = tokens)
        {
            // C bools, one byte each.
            return _tokenize(_vocabulary, textPointer, length, tokensPointer, tokens.Length, addSpecial ? (byte)1 : (byte)0, parseSpecial ? (byte)1 : (byte)0);
        }
    }

    /// <summary>
    /// llama_model_get_vocab and llama_tokenize of the llama library in this process, which LLamaSharp chose and loaded
    /// (the packaged CPU build for this machine's instruction set, or the one the user named): loading a file that is
    /// loaded already gives its handle. Null where no such module is found.
    /// </summary>
    private static (nint GetVocabulary, nint Tokenize)? FindExports()
    {
        // LLamaSharp loads the library on its first native call: this one does nothing else.
        NativeApi.llama_empty_call();
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            using (module)
            {
                if (Path.GetFileName(module.FileName) is "libllama.so" or "llama.dll" or "libllama.dylib"
                    && NativeLibrary.TryLoad(module.FileName, out var library)
                    && NativeLibrary.TryGetExport(library, "llama_model_get_vocab", out var getVocabulary)
                    && NativeLibrary.TryGetExport(library, "llama_tokenize", out var tokenize))
                {
                    return (getVocabulary, tokenize);
                }
            }
        }

        return null;
    }
}
