using System.Net.Http.Json;
using CrmFlow.Workflows.Api.Runtime;
using CrmFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>Two hosts on one PostgreSQL database: timers fire once, bookmarks resume once.</summary>
public sealed class MultiHostTests_PostgreSql(PostgreSqlWorkflowDatabase db) : IClassFixture<PostgreSqlWorkflowDatabase>
{
    private const int Count = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_timer_fires_exactly_once_with_two_hosts()
    {
        var a = db.StartHost();
        var b = db.StartHost();
        using var client = WorkflowDatabase.ClientOf(a);
        var ids = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            using var started = await client.PostAsync($"/elsa/api/workflow-definitions/{TestFlows.WaitOneHour}/execute", null, Ct);
            ids.Add(Assert.Single(started.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader)));
        }

        db.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        await WorkflowDatabase.EventuallyAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await WorkflowDatabase.FindInstanceAsync(b, id))?.SubStatus != WorkflowSubStatus.Finished)
                {
                    return false;
                }
            }

            return true;
        }, "every timer should fire");
        foreach (var id in ids)
        {
            var journal = await WorkflowDatabase.WithScopeAsync(a, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListJournalAsync(id, null, Ct).AsTask());
            Assert.Single(journal.Items, j => j.ActivityId == "Wait" && j.EventName == JournalEvents.Resumed);
            Assert.Single(journal.Items, j => j.ActivityId == "After" && j.EventName == JournalEvents.Completed);
        }
    }

    [Fact]
    public async Task Concurrent_resumes_from_two_hosts_resume_each_bookmark_exactly_once()
    {
        var a = db.StartHost();
        var b = db.StartHost();
        var bookmarks = new List<(string Instance, string Bookmark)>();
        for (var i = 0; i < Count; i++)
        {
            var started = await WorkflowDatabase.WithScopeAsync(a, sp => sp.GetRequiredService<IWorkflowRuntime>()
                .StartAsync(new StartWorkflowRequest(TestFlows.WaitForEvent) { CorrelationId = $"c{i}" }, Ct).AsTask());
            bookmarks.Add((started.InstanceId, Assert.Single(started.State.Bookmarks).Id));
        }

        async Task<bool> ResumeAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string bookmarkId)
        {
            try
            {
                await WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowRuntime>().ResumeAsync(new ResumeBookmarkRequest(bookmarkId), Ct).AsTask());
                return true;
            }
            catch (WorkflowConflictException)
            {
                return false;
            }
        }

        var attempts = bookmarks.SelectMany(x => new[] { Task.Run(() => ResumeAsync(a, x.Bookmark), Ct), Task.Run(() => ResumeAsync(b, x.Bookmark), Ct) });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(Count, results.Count(r => r));
        foreach (var (instance, _) in bookmarks)
        {
            Assert.Equal(WorkflowSubStatus.Finished, (await WorkflowDatabase.FindInstanceAsync(a, instance))?.SubStatus);
            var after = await WorkflowDatabase.WithScopeAsync(b, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListActivityExecutionsAsync(instance, "After", Ct).AsTask());
            Assert.Single(after);
        }

        // Over HTTP as well: the second trigger of an already consumed event finds nothing to resume.
        using var client = WorkflowDatabase.ClientOf(b);
        using var again = await client.PostAsJsonAsync("/elsa/api/events/Go/trigger", new { correlationId = "c0", workflowExecutionMode = "Synchronous" }, Ct);
        Assert.Contains("\"workflowInstanceIds\":[]", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
