namespace CrmFlow.Workflows.Tests.Support;

/// <summary>
/// Locates the shared Elsa conformance folder (<c>shared/elsa-conformance</c>, a sibling of the repository)
/// by walking up from the test binaries. The files are read in place, never copied into the repository.
/// </summary>
public static class ConformanceFiles
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Root => Folder.Value;

    public static string WorkflowsFolder => Path.Combine(Root, "workflows");

    public static string PathOf(string scenario, string file) => Path.Combine(WorkflowsFolder, scenario, file);

    public static string Read(string scenario, string file) => File.ReadAllText(PathOf(scenario, file));

    public static IEnumerable<string> AllJsonFiles() =>
        Directory.EnumerateFiles(WorkflowsFolder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Scenario-relative names (<c>scenario/file.json</c>) for theory data.</summary>
    public static TheoryData<string> AllJsonFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in AllJsonFiles())
        {
            data.Add(Path.GetRelativePath(WorkflowsFolder, f).Replace('\\', '/'));
        }

        return data;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "elsa-conformance"), Path.Combine(dir.FullName, "..", "shared", "elsa-conformance") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("shared/elsa-conformance was not found next to the repository.");
    }
}
