using CrmFlow.Workflows.Management;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>The start-up import of workflow files: new, unchanged, changed, edited in the Studio, broken.</summary>
public sealed class ImportTests_Sqlite(SqliteWorkflowDatabase db) : IClassFixture<SqliteWorkflowDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_is_published_once_a_change_adds_a_version_a_studio_edit_stays_and_a_broken_file_is_skipped()
    {
        var file = Path.Combine(db.WorkflowsDirectory, "import-probe.json");
        var broken = Path.Combine(db.WorkflowsDirectory, "broken.json");
        await File.WriteAllTextAsync(file, Probe("one"), Ct);
        await File.WriteAllTextAsync(broken, "{ this is not json", Ct);

        await using (var first = db.StartHost())
        {
            Assert.Equal(1, (await PublishedAsync(first))?.Version);
        }

        // Unchanged file: no new version. A Studio edit (a new published version) is kept.
        await using (var second = db.StartHost())
        {
            Assert.Equal(1, (await PublishedAsync(second))?.Version);
            await WorkflowDatabase.WithScopeAsync(second, async sp =>
            {
                var store = sp.GetRequiredService<IWorkflowDefinitionStore>();
                var edited = (await store.FindAsync("import-probe", VersionOptions.Published, Ct))!;
                edited.Name = "edited in the studio";
                return await sp.GetRequiredService<IWorkflowDefinitionManager>().SaveAndPublishAsync(edited, Ct);
            });
        }

        await using (var third = db.StartHost())
        {
            var published = await PublishedAsync(third);
            Assert.Equal(2, published?.Version);
            Assert.Equal("edited in the studio", published?.Name);
        }

        // A changed file becomes a new published version.
        await File.WriteAllTextAsync(file, Probe("two"), Ct);
        await using (var fourth = db.StartHost())
        {
            var published = await PublishedAsync(fourth);
            Assert.Equal(3, published?.Version);
            Assert.Equal("two", published?.Name);
            var versions = await WorkflowDatabase.WithScopeAsync(fourth, sp => sp.GetRequiredService<IWorkflowDefinitionStore>()
                .ListAsync(new WorkflowDefinitionFilter { DefinitionId = "import-probe" }, null, Ct).AsTask());
            Assert.Equal([false, false, true], versions.Items.OrderBy(v => v.Version).Select(v => v.IsPublished));
            Assert.False(await WorkflowDatabase.WithScopeAsync(fourth, sp => sp.GetRequiredService<IWorkflowDefinitionStore>().ExistsAsync("broken", Ct).AsTask()));
        }

        File.Delete(broken);
    }

    private static Task<WorkflowDefinitionSummary?> PublishedAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host) =>
        WorkflowDatabase.WithScopeAsync(host, async sp =>
            (await sp.GetRequiredService<IWorkflowDefinitionStore>().ListAsync(
                new WorkflowDefinitionFilter { DefinitionId = "import-probe", VersionOptions = VersionOptions.Published }, null, Ct)).Items.SingleOrDefault());

    private static string Probe(string name) =>
        "{ \"definitionId\": \"import-probe\", \"name\": \"" + name + "\", \"root\": { \"id\": \"Flow\", \"type\": \"Elsa.Flowchart\", \"activities\": [" +
        "{ \"id\": \"Say\", \"type\": \"Elsa.WriteLine\", \"text\": { \"typeName\": \"String\", \"expression\": { \"type\": \"Literal\", \"value\": \"hi\" } } }" +
        "], \"connections\": [] } }";
}
