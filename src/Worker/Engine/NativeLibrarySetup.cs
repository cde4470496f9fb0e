using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Oprel.Worker.Engine;

/// <summary>
/// Chooses the native llama.cpp library once per process, before the first native call: the packaged CPU build,
/// or the libraries in a folder the user names (how a CUDA, Vulkan or Metal build is brought in).
/// </summary>
internal static partial class NativeLibrarySetup
{
    private static readonly Lock Gate = new();
    private static string? _configuredDirectory;
    private static bool _configured;

    public static void Configure(string? libraryDirectory, ILogger logger)
    {
        lock (Gate)
        {
            if (_configured)
            {
                if (!string.Equals(_configuredDirectory, libraryDirectory, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"This process already loaded llama.cpp from '{_configuredDirectory ?? "the packaged CPU build"}'; it cannot switch to '{libraryDirectory}'.");
                }

                return;
            }

            if (NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                // Something else in this process (the host application) loaded llama.cpp first: use that library.
                if (!string.IsNullOrEmpty(libraryDirectory))
                {
                    throw new InvalidOperationException(
                        $"llama.cpp was already loaded in this process before Oprel could load it from '{libraryDirectory}'.");
                }

                NativeLogConfig.llama_log_set((level, message) => Forward(logger, level, message));
                _configured = true;
                return;
            }

            var config = NativeLibraryConfig.All;
            if (!string.IsNullOrEmpty(libraryDirectory))
            {
                if (!Directory.Exists(libraryDirectory))
                {
                    throw new DirectoryNotFoundException($"The native library folder '{libraryDirectory}' does not exist.");
                }

                var llama = FindLibrary(libraryDirectory, "llama")
                    ?? throw new FileNotFoundException($"No llama library (libllama.so, llama.dll or libllama.dylib) in '{libraryDirectory}'.");
                config.WithLibrary(llama, FindLibrary(libraryDirectory, "mtmd"));
                config.WithAutoFallback(false);
            }

            try
            {
                config.WithLogCallback((level, message) => Forward(logger, level, message));
            }
            catch (InvalidOperationException) when (string.IsNullOrEmpty(libraryDirectory) && NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                // Another thread of the host application loaded llama.cpp just now: use that library.
                NativeLogConfig.llama_log_set((level, message) => Forward(logger, level, message));
            }

            _configuredDirectory = libraryDirectory;
            _configured = true;
        }
    }

    private static string? FindLibrary(string directory, string name)
    {
        string[] candidates = [$"lib{name}.so", $"{name}.dll", $"lib{name}.dylib"];
        return candidates.Select(c => Path.Combine(directory, c)).FirstOrDefault(File.Exists);
    }

    private static void Forward(ILogger logger, LLamaLogLevel level, string message)
    {
        var text = message.TrimEnd('\n');
        if (text.Length == 0)
        {
            return;
        }

        switch (level)
        {
            case LLamaLogLevel.Error:
                LogNativeError(logger, text);
                break;
            case LLamaLogLevel.Warning:
                LogNativeWarning(logger, text);
                break;
            default:
                LogNativeDebug(logger, text);
                break;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "llama.cpp: {Text}")]
    private static partial void LogNativeError(ILogger logger, string text);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "llama.cpp: {Text}")]
    private static partial void LogNativeWarning(ILogger logger, string text);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "llama.cpp: {Text}")]
    private static partial void LogNativeDebug(ILogger logger, string text);
}
