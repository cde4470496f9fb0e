using System.Globalization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Oprel;

/// <summary>
/// Oprel's settings: where models live, how contexts are sized, and where the server listens. Defaults come from
/// the OPREL_* environment variables where they are set.
/// </summary>
public sealed class Config
{
    /// <summary>The port Ollama uses, and so Oprel by default.</summary>
    public const int DefaultPort = 11434;

    /// <summary>Creates the defaults, with the OPREL_* environment variables applied.</summary>
    public Config() => ApplyEnvironment();

    /// <summary>Folder of downloaded and built-in models (OPREL_CACHE_DIR, default ~/.cache/oprel).</summary>
    public string CacheDir { get; set; } = DefaultCacheDir();

    /// <summary>Folder of native llama.cpp libraries to use instead of the packaged CPU build (OPREL_BINARY_DIR), or null.</summary>
    public string? BinaryDir { get; set; }

    /// <summary>Memory budget for one model in MiB when a call gives none (OPREL_MAX_MEMORY_MB); null means what the machine has free.</summary>
    public int? DefaultMaxMemoryMb { get; set; }

    /// <summary>Context window in tokens.</summary>
    public int CtxSize { get; set; } = 4096;

    /// <summary>Tokens evaluated per batch while reading a prompt.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>CPU threads for generation; 0 uses every core.</summary>
    public int NThreads { get; set; }

    /// <summary>Layers to offload to a GPU; -1 chooses from the hardware, 0 keeps everything on the CPU.</summary>
    public int NGpuLayers { get; set; } = -1;

    /// <summary>Host of the Oprel server (OPREL_SERVER_HOST, default localhost).</summary>
    public string ServerHost { get; set; } = "localhost";

    /// <summary>Port of the Oprel server (OPREL_SERVER_PORT, default 11434).</summary>
    public int ServerPort { get; set; } = DefaultPort;

    /// <summary>Log level: trace, debug, info, warn or error (OPREL_LOG_LEVEL, default info).</summary>
    public string LogLevel { get; set; } = "info";

    /// <summary>The defaults, with the OPREL_* environment variables applied.</summary>
    public static Config Default() => new();

    /// <summary>Reads a YAML file written by <see cref="Save"/> (snake_case keys as in the seed: cache_dir, ctx_size, …); missing keys keep their defaults.</summary>
    /// <exception cref="ValidationException">The file is not valid YAML for a config.</exception>
    public static Config FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var yaml = File.ReadAllText(path);
        try
        {
            var config = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .Build()
                .Deserialize<Config?>(yaml) ?? new Config();
            config.Validate();
            return config;
        }
        catch (YamlDotNet.Core.YamlException error)
        {
            throw new ValidationException($"'{path}' is not a valid Oprel config: {error.Message}", error);
        }
    }

    /// <summary>Writes the settings as YAML (snake_case keys), creating the folder if needed.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var yaml = new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build()
            .Serialize(this);
        File.WriteAllText(path, yaml);
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:11434 (localhost is taken as the IPv4 loopback).</summary>
    public Uri ServerUri()
    {
        var host = ServerHost is "localhost" or "" ? "127.0.0.1" : ServerHost;
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = $"[{host}]";
        }

        return new Uri($"http://{host}:{ServerPort.ToString(CultureInfo.InvariantCulture)}");
    }

    internal void Validate()
    {
        if (CtxSize < 16)
        {
            throw new ValidationException($"ctx_size must be at least 16 tokens, not {CtxSize}.");
        }

        if (BatchSize < 1)
        {
            throw new ValidationException($"batch_size must be positive, not {BatchSize}.");
        }

        if (NThreads < 0)
        {
            throw new ValidationException($"n_threads must be 0 (every core) or more, not {NThreads}.");
        }

        if (ServerPort is < 1 or > 65535)
        {
            throw new ValidationException($"The server port must be 1-65535, not {ServerPort}.");
        }
    }

    private void ApplyEnvironment()
    {
        if (Environment.GetEnvironmentVariable("OPREL_CACHE_DIR") is { Length: > 0 } cache)
        {
            CacheDir = cache;
        }

        if (Environment.GetEnvironmentVariable("OPREL_BINARY_DIR") is { Length: > 0 } binaries)
        {
            BinaryDir = binaries;
        }

        if (Environment.GetEnvironmentVariable("OPREL_SERVER_HOST") is { Length: > 0 } host)
        {
            ServerHost = host;
        }

        if (Environment.GetEnvironmentVariable("OPREL_SERVER_PORT") is { Length: > 0 } portText)
        {
            ServerPort = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : throw new ValidationException($"OPREL_SERVER_PORT must be a port number, not '{portText}'.");
        }

        if (Environment.GetEnvironmentVariable("OPREL_MAX_MEMORY_MB") is { Length: > 0 } maxMemoryText)
        {
            DefaultMaxMemoryMb = int.TryParse(maxMemoryText, NumberStyles.None, CultureInfo.InvariantCulture, out var maxMemory) && maxMemory > 0
                ? maxMemory
                : throw new ValidationException($"OPREL_MAX_MEMORY_MB must be a positive number of MiB, not '{maxMemoryText}'.");
        }

        if (Environment.GetEnvironmentVariable("OPREL_LOG_LEVEL") is { Length: > 0 } level)
        {
            LogLevel = level;
        }
    }

    private static string DefaultCacheDir()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".cache", "oprel");
    }
}
