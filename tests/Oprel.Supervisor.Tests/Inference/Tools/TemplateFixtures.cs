namespace Oprel.Supervisor.Tests.Inference.Tools;

/// <summary>The real chat templates of tests/Oprel.Worker.Tests/Templates/Fixtures.</summary>
internal static class TemplateFixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), name));

    private static string Directory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Oprel.Worker.Tests", "Templates", "Fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Oprel.Worker.Tests/Templates/Fixtures");
    }
}
