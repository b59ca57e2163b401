using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.Workflows.Api.Runtime;
using CrmFlow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>
/// Kills a real host process (SIGKILL) while flows wait on timers and dispatched starts are queued, starts a new
/// process on the same SQLite file, and checks that every instance finishes exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncDisposable
{
    private const int Count = 6;
    private const string FlowId = "crash-probe";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmflow-tests", "crash", Guid.NewGuid().ToString("N"));
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Instances_in_flight_when_the_host_is_killed_finish_exactly_once_after_a_restart()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, FlowId + ".json"), CrashProbe, Ct);
        var port = FreePort();
        var ids = new List<string>();

        using (var first = StartProcess(port))
        {
            using var client = await ClientAsync(port);
            for (var i = 0; i < Count; i++)
            {
                using var started = await client.PostAsync($"/elsa/api/workflow-definitions/{FlowId}/execute", null, Ct);
                ids.Add(Assert.Single(started.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader)));
                using var dispatched = await client.PostAsync($"/elsa/api/workflow-definitions/{FlowId}/dispatch", null, Ct);
                using var body = JsonDocument.Parse(await dispatched.Content.ReadAsStringAsync(Ct));
                ids.Add(body.RootElement.GetProperty("workflowInstanceId").GetString()!);
            }

            first.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown
            await first.WaitForExitAsync(Ct);
        }

        using (var second = StartProcess(port))
        {
            using var client = await ClientAsync(port);
            await WorkflowDatabase.EventuallyAsync(async () => await FinishedCountAsync(ids) == ids.Count, "every instance should finish after the restart", 180);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(Ct);
        }

        await using var db = WorkflowsDatabase.Create(DatabaseProvider.Sqlite, _database.ConnectionString);
        foreach (var id in ids)
        {
            var completedSays = await db.Journal.CountAsync(j => j.WorkflowInstanceId == id && j.ActivityId == "Say" && j.EventName == "Completed", Ct);
            Assert.Equal(1, completedSays);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<int> FinishedCountAsync(List<string> ids)
    {
        await using var db = WorkflowsDatabase.Create(DatabaseProvider.Sqlite, _database.ConnectionString);
        return await db.WorkflowInstances.CountAsync(i => ids.Contains(i.Id) && i.SubStatus == "Finished", Ct);
    }

    private Process StartProcess(int port)
    {
        var serverDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "CrmFlow.Server", new DirectoryInfo(AppContext.BaseDirectory).Name));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(serverDirectory, "CrmFlow.Server.dll")])
        {
            WorkingDirectory = serverDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__CrmFlow"] = _database.ConnectionString;
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Demo__IntegrationApiKey"] = CrmFlowFactory.IntegrationApiKey;
        start.Environment["Workflows__Import__Directory"] = _directory;
        start.Environment["Workflows__Runtime__LeaseDuration"] = "00:00:02";
        start.Environment["Workflows__Runtime__PollInterval"] = "00:00:00.200";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> ClientAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", CrmFlowFactory.IntegrationApiKey);
        await WorkflowDatabase.EventuallyAsync(async () =>
        {
            try
            {
                using var health = await client.GetAsync("/health", Ct);
                return health.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the host process should start", 180);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Waits two real seconds, then writes a line: the kill lands while the timers wait.
    private const string CrashProbe = """
        { "definitionId": "crash-probe", "name": "crash-probe", "root": { "id": "Flow", "type": "Elsa.Flowchart", "activities": [
          { "id": "Wait", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:02" } } },
          { "id": "Say", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "done" } } }
        ], "connections": [ { "source": "Wait", "target": "Say", "sourcePort": "Done", "targetPort": "In" } ] } }
        """;
}
