namespace CrmFlow.Workflows.Tests.Architecture;

/// <summary>Finds the repository root (the folder holding CrmFlow.sln) from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
