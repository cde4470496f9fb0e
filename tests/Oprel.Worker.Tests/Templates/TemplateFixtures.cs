using System.Collections.Concurrent;
using Oprel.Worker.Templates;

namespace Oprel.Worker.Tests.Templates;

/// <summary>
/// The model templates in Fixtures/, read from the test output folder when they are copied there, else from this
/// project's source folder (found by walking up from the output folder), and parsed once.
/// </summary>
internal static class TemplateFixtures
{
    private static readonly ConcurrentDictionary<string, ChatTemplate> Parsed = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static string Source(string name) => File.ReadAllText(Path.Combine(Folder.Value, name + ".jinja"));

    public static ChatTemplate Load(string name) => Parsed.GetOrAdd(name, static n => ChatTemplate.Parse(Source(n)));

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder.Value, "*.jinja").Select(path => Path.GetFileNameWithoutExtension(path)).Order(StringComparer.Ordinal);

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Templates", "Fixtures");
            if (File.Exists(Path.Combine(candidate, "llama3.jinja")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Templates/Fixtures was not found above {AppContext.BaseDirectory}.");
    }
}
