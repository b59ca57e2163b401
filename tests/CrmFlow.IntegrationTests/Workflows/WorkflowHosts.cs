using System.Net.Http.Headers;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>
/// Class fixture for runtime tests: one database, a folder of workflow files imported at start-up, and a fake
/// clock shared by every host started on it (so tests move time and several hosts see the same "now").
/// Hosts are started and stopped by the tests (restarts, two hosts on one database).
/// </summary>
public abstract class WorkflowDatabase : IAsyncLifetime
{
    private readonly List<WebApplicationFactory<Program>> _hosts = [];
    private WebApplicationFactory<Program>? _primary;

    public TestDatabase? Database { get; private set; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public string WorkflowsDirectory { get; } = Path.Combine(Path.GetTempPath(), "crmflow-tests", "workflows", Guid.NewGuid().ToString("N"));

    public abstract void EnsureAvailable();

    /// <summary>A host kept for the whole class.</summary>
    public WebApplicationFactory<Program> Host => _primary ??= StartHost();

    /// <summary>Starts a host on this database (migrations and the workflow import run before it answers).</summary>
    public WebApplicationFactory<Program> StartHost()
    {
        EnsureAvailable();
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:Import:Directory"] = WorkflowsDirectory,
            ["Workflows:Runtime:PollInterval"] = "00:00:01",
            ["Serilog:MinimumLevel:Default"] = "Error",
        };
        var host = new CrmFlowFactory(Database!.Provider, Database.ConnectionString, settings)
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        _hosts.Add(host);
        _ = host.Server;
        return host;
    }

    public static HttpClient ClientOf(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", CrmFlowFactory.IntegrationApiKey);
        return client;
    }

    public static async Task<T> WithScopeAsync<T>(WebApplicationFactory<Program> host, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static Task<WorkflowInstanceSummary?> FindInstanceAsync(WebApplicationFactory<Program> host, string id) =>
        WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowInstanceStore>().FindAsync(id, TestContext.Current.CancellationToken).AsTask());

    /// <summary>Polls until the condition holds (timers and dispatch run on background loops).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string because, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out: {because}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkflowsDirectory);
        foreach (var (scenario, file, target) in new[]
        {
            ("api-execute-hello-world", "hello-world.json", "1590068018aa4f0a.json"),
            ("api-execute-request-variants", "hello-world.json", "3790068018ac4f02.json"),
            ("api-flowfork-completes", "fork.json", "5590069018aa4f0e.json"),
            ("http-endpoint-hello-world", "http-hello-world.json", "http-hello-world.json"),
        })
        {
            File.Copy(ConformanceFiles.PathOf(scenario, file), Path.Combine(WorkflowsDirectory, target));
        }

        foreach (var (name, json) in TestFlows.All)
        {
            await File.WriteAllTextAsync(Path.Combine(WorkflowsDirectory, name + ".json"), json);
        }

        Database = await CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        Directory.Delete(WorkflowsDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();
}

public sealed class SqliteWorkflowDatabase : WorkflowDatabase
{
    public override void EnsureAvailable()
    {
    }

    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(new SqliteTestDatabase());
}

public sealed class PostgreSqlWorkflowDatabase : WorkflowDatabase
{
    public override void EnsureAvailable() => PostgreSqlServer.EnsureConfigured();

    protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        PostgreSqlServer.BaseConnectionString is null ? null : await PostgreSqlTestDatabase.CreateAsync();
}

/// <summary>Locates the shared Elsa conformance folder (a sibling of the repository); files are read in place.</summary>
public static class ConformanceFiles
{
    private static readonly Lazy<string> Folder = new(() =>
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
    });

    public static string PathOf(string scenario, string file) => Path.Combine(Folder.Value, "workflows", scenario, file);

    public static string Read(string scenario, string file) => File.ReadAllText(PathOf(scenario, file));
}
