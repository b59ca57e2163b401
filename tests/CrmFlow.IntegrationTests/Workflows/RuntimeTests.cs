using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.Workflows.Api.Runtime;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Runtime;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Workflows;

/// <summary>The persisted runtime through the real host: REST and HTTP conformance scenarios, restarts, timers, exactly-once.</summary>
public abstract class RuntimeTests(WorkflowDatabase db)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("1590068018aa4f0a")] // api-execute-hello-world
    [InlineData("5590069018aa4f0e")] // api-flowfork-completes
    public async Task Execute_runs_the_published_version_and_returns_the_finished_state(string definitionId)
    {
        using var client = WorkflowDatabase.ClientOf(db.Host);

        using var response = await client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instanceId = Assert.Single(response.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var state = json.RootElement.GetProperty("workflowState");
        Assert.Equal("Finished", state.GetProperty("subStatus").GetString());
        Assert.Equal(instanceId, state.GetProperty("id").GetString());
        var stored = await WorkflowDatabase.FindInstanceAsync(db.Host, instanceId);
        Assert.Equal(WorkflowSubStatus.Finished, stored?.SubStatus);
    }

    [Fact]
    public async Task Retry_alteration_runs_the_faulted_activity_again_and_the_instance_finishes()
    {
        using var client = WorkflowDatabase.ClientOf(db.Host);
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(4).ToUnixTimeMilliseconds();
        using var execute = await client.PostAsync(
            $"/elsa/api/workflow-definitions/{TestFlows.FaultsUntil}/execute",
            JsonContent.Create(new { input = new { NotBefore = notBefore } }), Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, execute.StatusCode); // Elsa's answer to an execution that faulted
        var instanceId = Assert.Single(execute.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader));
        var faulted = await WorkflowDatabase.FindInstanceAsync(db.Host, instanceId);
        Assert.Equal(WorkflowSubStatus.Faulted, faulted?.SubStatus);
        Assert.Equal(1, faulted?.IncidentCount);

        // Too early: the activity runs again, faults again, and the instance stays faulted with one incident.
        // Retrying is an alteration: designers may, an integration client's API key may not.
        using var designer = await db.Host.CreateClient().SignedInAsAsync("designer");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/elsa/api/alterations/workflows/retry?workflowInstanceIds={instanceId}", Ct)).StatusCode);
        using var earlyResponse = await designer.PostAsync("/elsa/api/alterations/workflows/retry",
            new StringContent($$"""{"workflowInstanceIds":["{{instanceId}}"]}""", Encoding.UTF8, "application/json"), Ct);
        var earlyBody = await earlyResponse.Content.ReadAsStringAsync(Ct);
        Assert.True(earlyResponse.StatusCode == HttpStatusCode.OK, earlyBody);
        using var early = JsonDocument.Parse(earlyBody);
        Assert.True(Assert.Single(early.RootElement.GetProperty("results").EnumerateArray()).GetProperty("isSuccessful").GetBoolean());
        Assert.Equal(1, (await WorkflowDatabase.FindInstanceAsync(db.Host, instanceId))?.IncidentCount);

        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() <= notBefore)
        {
            await Task.Delay(100, Ct);
        }

        using var response = await designer.GetAsync($"/elsa/api/alterations/workflows/retry?workflowInstanceIds={instanceId}&workflowInstanceIds=no-such-instance", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(instanceId, results[0].GetProperty("workflowInstanceId").GetString());
        Assert.True(results[0].GetProperty("isSuccessful").GetBoolean());
        Assert.False(results[1].GetProperty("isSuccessful").GetBoolean());
        var finished = await WorkflowDatabase.FindInstanceAsync(db.Host, instanceId);
        Assert.Equal(WorkflowSubStatus.Finished, finished?.SubStatus);
        Assert.Equal(0, finished?.IncidentCount);
        var journal = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListJournalAsync(instanceId, null, Ct).AsTask());
        Assert.Equal(3, journal.Items.Count(j => j.ActivityId == "Check" && j.EventName == JournalEvents.Started));
        Assert.Single(journal.Items, j => j.ActivityId == "After" && j.EventName == JournalEvents.Completed);

        using var empty = await designer.PostAsync("/elsa/api/alterations/workflows/retry", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("workflowInstanceIds", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var anonymous = db.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/elsa/api/alterations/workflows/retry?workflowInstanceIds={instanceId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Execute_accepts_get_and_post_with_or_without_a_body_and_404s_without_a_definition()
    {
        using var client = WorkflowDatabase.ClientOf(db.Host);
        const string url = "/elsa/api/workflow-definitions/3790068018ac4f02/execute";
        var correlationId = Guid.NewGuid().ToString();
        using var withBody = new StringContent($$"""{"DefinitionId":null,"CorrelationId":"{{correlationId}}","Input":null,"VersionOptions":null}""", Encoding.UTF8, "application/json");
        using var emptyJson = new StringContent(string.Empty, Encoding.UTF8, "application/json");

        var responses = new[]
        {
            await client.PostAsync(url, withBody, Ct),
            await client.PostAsync(url, null, Ct),
            await client.PostAsync(url, emptyJson, Ct),
            await client.GetAsync(url + "?correlationId=" + correlationId, Ct),
            await client.GetAsync(url, Ct),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("Finished", json.RootElement.GetProperty("workflowState").GetProperty("subStatus").GetString());
            response.Dispose();
        }

        using var first = JsonDocument.Parse(await (await client.PostAsync(url, new StringContent($$"""{"correlationId":"{{correlationId}}"}""", Encoding.UTF8, "application/json"), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(correlationId, first.RootElement.GetProperty("workflowState").GetProperty("correlationId").GetString());
        // Routing drops the empty segment, so this reaches /workflow-definitions/execute, where the Studio API's
        // GET/DELETE routes answer 405 to a POST; either way nothing runs.
        Assert.Contains(
            (await client.PostAsync("/elsa/api/workflow-definitions//execute", null, Ct)).StatusCode,
            new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/elsa/api/workflow-definitions//execute", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/elsa/api/workflow-definitions/no-such-flow/execute", null, Ct)).StatusCode);
        using var anonymous = db.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(url, null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Http_endpoint_answers_hello_world_and_an_unknown_route_is_404()
    {
        using var client = db.Host.CreateClient();

        using var hello = await client.GetAsync("/workflows/hello-world", Ct);
        using var missing = await client.GetAsync("/workflows/no-such-route", Ct);
        using var wrongMethod = await client.PostAsync("/workflows/hello-world", null, Ct);

        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Assert.Equal("Hello World!", await hello.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Http_trigger_reads_route_and_json_body_enforces_authorize_and_rejects_a_bad_body_without_an_instance()
    {
        using var anonymous = db.Host.CreateClient();
        using var client = WorkflowDatabase.ClientOf(db.Host);

        using var unauthenticated = await anonymous.PostAsJsonAsync("/workflows/orders/42", new { name = "Ada" }, Ct);
        using var badBody = await client.PostAsync("/workflows/orders/42", new StringContent("{ not json", Encoding.UTF8, "application/json"), Ct);
        using var created = await client.PostAsJsonAsync("/workflows/orders/42", new { name = "Ada" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal("application/problem+json", badBody.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        Assert.Equal("42", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("Ada", json.RootElement.GetProperty("name").GetString());
        var count = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowInstanceStore>()
            .CountAsync(new WorkflowInstanceFilter { DefinitionId = TestFlows.HttpEcho }, Ct).AsTask());
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Publish_accepts_a_six_field_cron_and_refuses_a_bad_cron_and_a_duplicate_route()
    {
        await using var scope = db.Host.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionManager>();

        var good = await manager.SaveAndPublishAsync(WorkflowDefinitionSerializer.Parse(ConformanceFiles.Read("publish-cron-every-hour", "cron-every-hour.json")), Ct);
        var again = await manager.PublishAsync(good.Definition.DefinitionId!, Ct);
        var bad = await manager.SaveAndPublishAsync(WorkflowDefinitionSerializer.Parse(ConformanceFiles.Read("publish-bad-cron-expression", "bad-cron-expression.json")), Ct);
        var route = ConformanceFiles.Read("publish-http-endpoint-duplicate-route", "http-workflow.json");
        var first = await manager.SaveAndPublishAsync(WorkflowDefinitionSerializer.Parse(route), Ct);
        var second = await manager.SaveAndPublishAsync(WorkflowDefinitionSerializer.Parse(route), Ct);

        Assert.True(good.Succeeded);
        Assert.Empty(good.Errors);
        Assert.True(again.Succeeded);
        Assert.False(bad.Succeeded);
        Assert.Equal(
            "Error when parsing cron expression: The given cron expression has an invalid format. Seconds: Value must be a number between 0 and 59 (all inclusive).",
            Assert.Single(bad.Errors).Message);
        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal("The /test path and get method are already in use by another workflow!", Assert.Single(second.Errors).Message);
        Assert.NotEqual(first.Definition.DefinitionId, second.Definition.DefinitionId);
    }

    [Fact]
    public async Task A_suspended_instance_survives_a_host_restart_and_finishes_when_its_event_is_triggered()
    {
        var correlationId = Guid.NewGuid().ToString("N");
        string instanceId;
        var first = db.StartHost();
        using (var client = WorkflowDatabase.ClientOf(first))
        {
            using var started = await client.PostAsJsonAsync($"/elsa/api/workflow-definitions/{TestFlows.WaitForEvent}/execute", new { correlationId }, Ct);
            instanceId = Assert.Single(started.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader));
            Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(first, instanceId))?.SubStatus);
        }

        await first.DisposeAsync();
        var second = db.StartHost();
        using var again = WorkflowDatabase.ClientOf(second);

        using var triggered = await again.PostAsJsonAsync("/elsa/api/events/Go/trigger", new { correlationId, workflowExecutionMode = "Synchronous" }, Ct);

        Assert.Equal(HttpStatusCode.OK, triggered.StatusCode);
        Assert.Equal(WorkflowSubStatus.Finished, (await WorkflowDatabase.FindInstanceAsync(second, instanceId))?.SubStatus);
        var afterRuns = await WorkflowDatabase.WithScopeAsync(second, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListActivityExecutionsAsync(instanceId, "After", Ct).AsTask());
        Assert.Equal(ActivityStatus.Completed, Assert.Single(afterRuns).Status);
    }

    [Fact]
    public async Task An_event_for_one_instance_resumes_that_instance_alone_and_only_when_its_correlation_matches()
    {
        var correlationId = Guid.NewGuid().ToString("N");
        using var client = WorkflowDatabase.ClientOf(db.Host);
        async Task<string> StartAsync()
        {
            using var started = await client.PostAsJsonAsync($"/elsa/api/workflow-definitions/{TestFlows.WaitForEvent}/execute", new { correlationId }, Ct);
            return Assert.Single(started.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader));
        }

        async Task<string> TriggerAsync(object body)
        {
            using var triggered = await client.PostAsJsonAsync("/elsa/api/events/Go/trigger", body, Ct);
            Assert.Equal(HttpStatusCode.OK, triggered.StatusCode);
            return await triggered.Content.ReadAsStringAsync(Ct);
        }

        var target = await StartAsync();
        var other = await StartAsync();

        Assert.Contains("\"workflowInstanceIds\":[]", await TriggerAsync(new { workflowInstanceId = target, correlationId = "someone-else", workflowExecutionMode = "Synchronous" }), StringComparison.Ordinal);
        Assert.Contains("\"workflowInstanceIds\":[]", await TriggerAsync(new { workflowInstanceId = "no-such-instance", workflowExecutionMode = "Synchronous" }), StringComparison.Ordinal);
        Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(db.Host, target))?.SubStatus);

        Assert.Contains($"\"workflowInstanceIds\":[\"{target}\"]", await TriggerAsync(new { workflowInstanceId = target, correlationId, workflowExecutionMode = "Synchronous" }), StringComparison.Ordinal);
        Assert.Equal(WorkflowSubStatus.Finished, (await WorkflowDatabase.FindInstanceAsync(db.Host, target))?.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(db.Host, other))?.SubStatus);

        // Again for the finished instance: nothing left to resume, and the other one is still untouched.
        Assert.Contains("\"workflowInstanceIds\":[]", await TriggerAsync(new { workflowInstanceId = target, workflowExecutionMode = "Synchronous" }), StringComparison.Ordinal);
        Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(db.Host, other))?.SubStatus);
    }

    [Fact]
    public async Task A_delay_fires_once_when_time_passes_even_if_its_host_stopped_meanwhile()
    {
        var first = db.StartHost();
        string instanceId;
        using (var client = WorkflowDatabase.ClientOf(first))
        {
            using var started = await client.PostAsync($"/elsa/api/workflow-definitions/{TestFlows.WaitOneHour}/execute", null, Ct);
            instanceId = Assert.Single(started.Headers.GetValues(RuntimeEndpoints.InstanceIdHeader));
        }

        Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(first, instanceId))?.SubStatus);
        await first.DisposeAsync();

        db.Clock.Advance(TimeSpan.FromHours(2));
        var second = db.StartHost(); // the late timer fires on start

        await WorkflowDatabase.EventuallyAsync(async () => (await WorkflowDatabase.FindInstanceAsync(second, instanceId))?.SubStatus == WorkflowSubStatus.Finished, "the delay should fire");
        var journal = await WorkflowDatabase.WithScopeAsync(second, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListJournalAsync(instanceId, null, Ct).AsTask());
        Assert.Single(journal.Items, j => j.ActivityId == "After" && j.EventName == JournalEvents.Completed);
        Assert.Single(journal.Items, j => j.ActivityId == "Wait" && j.EventName == JournalEvents.Resumed);
    }

    [Fact]
    public async Task A_refused_commit_in_a_group_leaves_its_rows_alone_while_the_others_claim_and_clean_up()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var queue = db.Host.Services.GetRequiredService<InstanceCommitQueue>();
        WorkflowInstanceRecord Instance(string name, string status) => new()
        {
            Id = $"{id}-{name}", DefinitionId = "test", DefinitionVersionId = "test-v1", Status = status, SubStatus = "Suspended", Data = "{}",
        };
        BookmarkRecord Bookmark(string name, string instance) => new()
        {
            Id = $"{id}-{name}", WorkflowInstanceId = $"{id}-{instance}", Name = "Elsa.Event", Hash = "h", ActivityId = "a", ActivityInstanceId = "ai",
        };
        ScheduledTimerRecord Timer(string bookmark, string instance) => new()
        {
            Id = $"{id}-t-{bookmark}", DueAt = db.Clock.GetUtcNow().AddHours(1), WorkflowInstanceId = $"{id}-{instance}", BookmarkId = $"{id}-{bookmark}",
        };

        Assert.Empty(await queue.WriteAsync(
        [
            new InstanceCommit { Instance = Instance("s", "Running"), IsNew = true, AddedBookmarks = [Bookmark("s1", "s"), Bookmark("s2", "s")], AddedTimers = [Timer("s2", "s")] },
            new InstanceCommit { Instance = Instance("r", "Running"), IsNew = true, AddedBookmarks = [Bookmark("r1", "r"), Bookmark("r2", "r")], AddedTimers = [Timer("r2", "r")] },
        ]));

        JournalRecord Entry(string instance) => new()
        {
            Id = $"{id}-j-{instance}", WorkflowInstanceId = $"{id}-{instance}", Sequence = 1, Timestamp = db.Clock.GetUtcNow(), EventName = JournalEvents.Resumed,
            ActivityInstanceId = "ai", ActivityId = "a", ActivityType = "Elsa.Event",
        };
        var resumed = new InstanceCommit { Instance = Instance("s", "Finished"), ConsumedBookmarkId = $"{id}-s1", RemovedBookmarkIds = [$"{id}-s2"], Journal = [Entry("s")] };
        var refused = new InstanceCommit { Instance = Instance("r", "Finished"), ConsumedBookmarkId = $"{id}-gone", RemovedBookmarkIds = [$"{id}-r2"], Journal = [Entry("r")] };
        var started = new InstanceCommit { Instance = Instance("c", "Running"), IsNew = true, AddedBookmarks = [Bookmark("c1", "c")], Journal = [Entry("c")] };
        var conflicts = await queue.WriteAsync([resumed, refused, started]);

        Assert.Same(refused, Assert.Single(conflicts));
        var (bookmarks, timers, statuses, journal) = await WorkflowDatabase.WithScopeAsync(db.Host, async sp =>
        {
            var context = sp.GetRequiredService<WorkflowsDbContext>();
            return (
                await context.Bookmarks.Where(b => b.Id.StartsWith(id)).Select(b => b.Id).OrderBy(b => b).ToListAsync(Ct),
                await context.Timers.Where(t => t.Id.StartsWith(id)).Select(t => t.BookmarkId).ToListAsync(Ct),
                await context.WorkflowInstances.Where(i => i.Id.StartsWith(id)).OrderBy(i => i.Id).Select(i => i.Status).ToListAsync(Ct),
                await context.Journal.Where(j => j.Id.StartsWith(id)).Select(j => j.Id).OrderBy(j => j).ToListAsync(Ct));
        });
        Assert.Equal([$"{id}-c1", $"{id}-r1", $"{id}-r2"], bookmarks);
        Assert.Equal([$"{id}-r2"], timers);
        Assert.Equal(["Running", "Running", "Finished"], statuses); // c, r (refused: unchanged), s
        Assert.Equal([$"{id}-j-c", $"{id}-j-s"], journal); // the refused commit's journal rows are not written
    }

    [Fact]
    public async Task A_draft_version_edited_on_this_host_runs_its_new_content_at_once()
    {
        var definitionId = "draft-" + Guid.NewGuid().ToString("N")[..8];
        WorkflowDefinition Draft(string text) => WorkflowDefinitionSerializer.Parse(
            "{ \"definitionId\": \"" + definitionId + "\", \"name\": \"" + definitionId + "\", \"root\": { \"id\": \"Flow\", \"type\": \"Elsa.Flowchart\", \"version\": 1, " +
            "\"activities\": [{ \"id\": \"Say\", \"type\": \"Elsa.WriteLine\", \"version\": 1, \"text\": { \"typeName\": \"String\", \"expression\": { \"type\": \"Literal\", \"value\": \"" + text + "\" } } }], " +
            "\"connections\": [] } }");
        Task<string> TextOfVersionAsync(string versionId) => WorkflowDatabase.WithScopeAsync(db.Host, async sp =>
            (await sp.GetRequiredService<IWorkflowDefinitionStore>().FindExecutableAsync(versionId, Ct))!.Json["root"]!["activities"]![0]!["text"]!["expression"]!["value"]!.GetValue<string>());

        var first = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowDefinitionManager>().SaveDraftAsync(Draft("first"), Ct).AsTask());
        Assert.Equal("first", await TextOfVersionAsync(first.Id!));

        var edited = Draft("second");
        var second = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowDefinitionManager>().SaveDraftAsync(edited, Ct).AsTask());
        Assert.Equal(first.Id, second.Id); // the same (unpublished) version, changed in place
        Assert.Equal("second", await TextOfVersionAsync(first.Id!));
    }

    [Fact]
    public async Task A_group_commits_journal_rows_are_stored_field_for_field()
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var at = new DateTimeOffset(2026, 11, 26, 8, 30, 15, 123, TimeSpan.FromHours(8));
        JournalRecord[] rows =
        [
            new()
            {
                Id = Guid.NewGuid().ToString("N"), WorkflowInstanceId = instanceId, Sequence = 0, Timestamp = at, EventName = JournalEvents.Started,
                ActivityInstanceId = "a1", ActivityId = "Start", ActivityType = "Elsa.Start",
            },
            new()
            {
                Id = Guid.NewGuid().ToString("N"), WorkflowInstanceId = instanceId, Sequence = 1, Timestamp = at.AddSeconds(1), EventName = JournalEvents.Suspended,
                ActivityInstanceId = "a2", ParentActivityInstanceId = "a1", ActivityId = "Wait", ActivityType = "Elsa.Event", ActivityName = "等待 \"客户\"",
                Message = "line one\nline two, 'quoted'", BookmarkId = "b1", Payload = """{"outputs":{"value":[1,2,3]},"outcomes":["Done"]}""",
            },
        ];

        var instance = new WorkflowInstanceRecord
        {
            Id = instanceId, DefinitionId = "test", DefinitionVersionId = "test-v1", Status = "Running", SubStatus = "Suspended", Data = "{}",
        };
        Assert.Empty(await db.Host.Services.GetRequiredService<InstanceCommitQueue>().WriteAsync([new InstanceCommit { Instance = instance, IsNew = true, Journal = rows }]));

        var stored = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<WorkflowsDbContext>().Journal.AsNoTracking()
            .Where(j => j.WorkflowInstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(Ct));
        static object Fields(JournalRecord j) => (j.Id, j.WorkflowInstanceId, j.Sequence, j.Timestamp.UtcDateTime, j.EventName, j.ActivityInstanceId,
            j.ParentActivityInstanceId, j.ActivityId, j.ActivityType, j.ActivityName, j.Message, j.BookmarkId, j.Payload);
        Assert.Equal(rows.Select(Fields), stored.Select(Fields));
    }

    [Fact]
    public async Task A_group_commits_instance_bookmark_timer_and_incident_rows_are_stored_field_for_field_and_an_update_of_a_missing_instance_writes_nothing()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var queue = db.Host.Services.GetRequiredService<InstanceCommitQueue>();
        var at = new DateTimeOffset(2026, 11, 26, 8, 30, 15, 123, TimeSpan.FromHours(8));
        var suspended = new WorkflowInstanceRecord
        {
            Id = $"{id}-i", DefinitionId = "complaint", DefinitionVersionId = "complaint-v3", Version = 3, Name = "投诉 \"A\"", CorrelationId = "c-1",
            ParentWorkflowInstanceId = "p-1", Status = "Running", SubStatus = "Suspended", IncidentCount = 1, JournalCount = 7, CreatedAt = at,
            UpdatedAt = at.AddSeconds(1), LeasedBy = "host-a", LeaseUntil = at.AddMinutes(5), Data = """{"a":[1,2],"b":"text 'q'"}""",
        };
        var bookmark = new BookmarkRecord
        {
            Id = $"{id}-b", WorkflowInstanceId = suspended.Id, CorrelationId = "c-1", Name = "Elsa.Delay", Hash = "h1", ActivityId = "Wait",
            ActivityInstanceId = "ai-1", Stimulus = """{"x":1}""", Payload = """{"resumeAt":"2026-11-26T01:30:15Z"}""", CreatedAt = at,
        };
        var timer = new ScheduledTimerRecord
        {
            Id = $"{id}-t", DueAt = at.AddHours(1), WorkflowInstanceId = suspended.Id, BookmarkId = bookmark.Id, DefinitionId = "complaint",
            ActivityId = "Wait", Interval = "01:00:00", LeasedBy = "host-b", LeaseUntil = at.AddMinutes(1),
        };
        var incident = new IncidentRecord
        {
            Id = $"{id}-x", WorkflowInstanceId = suspended.Id, ActivityId = "Fail", ActivityNodeId = "Flow:Fail", ActivityType = "Elsa.Fault",
            Message = "line one\nline two", ExceptionType = "System.InvalidOperationException", StackTrace = "at Somewhere()", Timestamp = at,
        };

        Assert.Empty(await queue.WriteAsync(
            [new InstanceCommit { Instance = suspended, IsNew = true, AddedBookmarks = [bookmark], AddedTimers = [timer], ReplaceIncidents = true, Incidents = [incident] }]));

        static object InstanceFields(WorkflowInstanceRecord i) => (i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.CorrelationId,
            i.ParentWorkflowInstanceId, i.Status, i.SubStatus, i.IncidentCount, i.JournalCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.LeasedBy, i.LeaseUntil);
        static object BookmarkFields(BookmarkRecord b) => (b.Id, b.WorkflowInstanceId, b.CorrelationId, b.Name, b.Hash, b.ActivityId, b.ActivityInstanceId,
            b.Stimulus, b.Payload, b.CreatedAt);
        static object TimerFields(ScheduledTimerRecord t) => (t.Id, t.DueAt, t.WorkflowInstanceId, t.BookmarkId, t.DefinitionId, t.TriggerId, t.ActivityId,
            t.CronExpression, t.Interval, t.LeasedBy, t.LeaseUntil);
        static object IncidentFields(IncidentRecord i) => (i.Id, i.WorkflowInstanceId, i.ActivityId, i.ActivityNodeId, i.ActivityType, i.Message,
            i.ExceptionType, i.StackTrace, i.Timestamp);
        Task<(WorkflowInstanceRecord? Instance, List<BookmarkRecord> Bookmarks, List<ScheduledTimerRecord> Timers, List<IncidentRecord> Incidents, int Journal)> ReadAsync(string instanceId) =>
            WorkflowDatabase.WithScopeAsync(db.Host, async sp =>
            {
                var context = sp.GetRequiredService<WorkflowsDbContext>();
                return (
                    await context.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, Ct),
                    await context.Bookmarks.AsNoTracking().Where(b => b.WorkflowInstanceId == instanceId).ToListAsync(Ct),
                    await context.Timers.AsNoTracking().Where(t => t.WorkflowInstanceId == instanceId).ToListAsync(Ct),
                    await context.Incidents.AsNoTracking().Where(i => i.WorkflowInstanceId == instanceId).ToListAsync(Ct),
                    await context.Journal.CountAsync(j => j.WorkflowInstanceId == instanceId, Ct));
            });

        var stored = await ReadAsync(suspended.Id);
        Assert.Equal(InstanceFields(suspended), InstanceFields(stored.Instance!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(suspended.Data), JsonNode.Parse(stored.Instance!.Data)));
        Assert.Equal(BookmarkFields(bookmark), BookmarkFields(Assert.Single(stored.Bookmarks)));
        Assert.Equal(TimerFields(timer), TimerFields(Assert.Single(stored.Timers)));
        Assert.Equal(IncidentFields(incident), IncidentFields(Assert.Single(stored.Incidents)));

        // The bookmark resumed: every column updated, the bookmark and its timer gone, the incidents replaced by none.
        var finished = new WorkflowInstanceRecord
        {
            Id = suspended.Id, DefinitionId = "complaint", DefinitionVersionId = "complaint-v3", Version = 3, Name = "renamed", Status = "Finished",
            SubStatus = "Finished", JournalCount = 9, CreatedAt = at, UpdatedAt = at.AddHours(1), FinishedAt = at.AddHours(1).AddSeconds(-2), Data = """{"done":true}""",
        };
        Assert.Empty(await queue.WriteAsync([new InstanceCommit { Instance = finished, ConsumedBookmarkId = bookmark.Id, ReplaceIncidents = true }]));

        stored = await ReadAsync(suspended.Id);
        Assert.Equal(InstanceFields(finished), InstanceFields(stored.Instance!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(finished.Data), JsonNode.Parse(stored.Instance!.Data)));
        Assert.Empty(stored.Bookmarks);
        Assert.Empty(stored.Timers);
        Assert.Empty(stored.Incidents);

        // An update of an instance whose row is gone fails, and nothing of its commit is written.
        var ghost = new WorkflowInstanceRecord { Id = $"{id}-ghost", DefinitionId = "complaint", DefinitionVersionId = "complaint-v3", Status = "Running", SubStatus = "Suspended", Data = "{}" };
        await Assert.ThrowsAnyAsync<Exception>(() => queue.WriteAsync(
        [
            new InstanceCommit
            {
                Instance = ghost,
                AddedBookmarks = [new BookmarkRecord { Id = $"{id}-gb", WorkflowInstanceId = ghost.Id, Name = "Elsa.Event", Hash = "h", ActivityId = "a", ActivityInstanceId = "ai" }],
                Journal = [new JournalRecord { Id = $"{id}-gj", WorkflowInstanceId = ghost.Id, Sequence = 1, Timestamp = at, EventName = JournalEvents.Resumed, ActivityInstanceId = "ai", ActivityId = "a", ActivityType = "Elsa.Event" }],
            },
        ]));
        var ghostRows = await ReadAsync(ghost.Id);
        Assert.Null(ghostRows.Instance);
        Assert.Empty(ghostRows.Bookmarks);
        Assert.Equal(0, ghostRows.Journal);
    }

    [Fact]
    public async Task Lookups_by_correlation_and_parent_find_their_instances_through_partial_indexes_that_leave_out_instances_without_one()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var queue = db.Host.Services.GetRequiredService<InstanceCommitQueue>();
        var at = DateTimeOffset.UtcNow;
        WorkflowInstanceRecord Instance(string suffix, string? correlationId, string? parentId) => new()
        {
            Id = $"{id}-{suffix}", DefinitionId = "partial-index", DefinitionVersionId = "partial-index-v1", Version = 1, CorrelationId = correlationId,
            ParentWorkflowInstanceId = parentId, Status = "Running", SubStatus = "Suspended", CreatedAt = at, UpdatedAt = at, Data = "{}",
        };
        Assert.Empty(await queue.WriteAsync(
        [
            new InstanceCommit { Instance = Instance("plain", null, null), IsNew = true },
            new InstanceCommit { Instance = Instance("child", $"{id}-order", $"{id}-plain"), IsNew = true },
        ]));

        var byCorrelation = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowInstanceStore>()
            .ListAsync(new WorkflowInstanceFilter { CorrelationId = $"{id}-order" }, cancellationToken: Ct).AsTask());
        var byParent = await WorkflowDatabase.WithScopeAsync(db.Host, sp => sp.GetRequiredService<IWorkflowInstanceStore>()
            .ListAsync(new WorkflowInstanceFilter { ParentWorkflowInstanceId = $"{id}-plain" }, cancellationToken: Ct).AsTask());
        Assert.Equal([$"{id}-child"], byCorrelation.Items.Select(i => i.Id));
        Assert.Equal([$"{id}-child"], byParent.Items.Select(i => i.Id));

        // The indexes hold only rows that have a value, and an equality lookup (a bound parameter, as EF sends it) uses them.
        var (definitions, plans) = await WorkflowDatabase.WithScopeAsync(db.Host, async sp =>
        {
            var context = sp.GetRequiredService<WorkflowsDbContext>();
            var postgreSql = context.Database.IsNpgsql();
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync(Ct);
            async Task<string> ScalarsAsync(string sql, string? parameter = null)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                if (parameter is not null)
                {
                    var p = command.CreateParameter();
                    p.ParameterName = postgreSql ? "p" : "$p";
                    p.Value = parameter;
                    command.Parameters.Add(p);
                }

                var lines = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? string.Empty);
                }

                return string.Join('\n', lines);
            }

            var definitions = new List<string>();
            var plans = new List<string>();
            foreach (var column in new[] { "CorrelationId", "ParentWorkflowInstanceId" })
            {
                definitions.Add(await ScalarsAsync(postgreSql
                    ? $"SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_WorkflowInstances_{column}'"
                    : $"SELECT sql FROM sqlite_master WHERE name = 'IX_WorkflowInstances_{column}'"));
                if (postgreSql)
                {
                    // The test table is small: without this a sequential scan is cheaper and the plan says nothing.
                    await ScalarsAsync("SET enable_seqscan = off");
                }

                plans.Add(await ScalarsAsync(
                    (postgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + $"SELECT \"Id\" FROM \"WorkflowInstances\" WHERE \"{column}\" = " + (postgreSql ? "@p" : "$p"),
                    $"{id}-x"));
                if (postgreSql)
                {
                    await ScalarsAsync("RESET enable_seqscan");
                }
            }

            await connection.CloseAsync();
            return (definitions, plans);
        });
        Assert.Collection(definitions,
            d => Assert.Matches("\"?CorrelationId\"? IS NOT NULL", d),
            d => Assert.Matches("\"?ParentWorkflowInstanceId\"? IS NOT NULL", d));
        Assert.Collection(plans,
            p => Assert.Contains("IX_WorkflowInstances_CorrelationId", p, StringComparison.Ordinal),
            p => Assert.Contains("IX_WorkflowInstances_ParentWorkflowInstanceId", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_concurrent_resumes_of_one_bookmark_give_one_success_and_one_conflict()
    {
        var host = db.Host;
        var started = await WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowRuntime>().StartAsync(new StartWorkflowRequest(TestFlows.WaitForEvent), Ct).AsTask());
        var bookmark = Assert.Single(started.State.Bookmarks);

        async Task<string> ResumeAsync()
        {
            try
            {
                await WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowRuntime>().ResumeAsync(new ResumeBookmarkRequest(bookmark.Id), Ct).AsTask());
                return "resumed";
            }
            catch (WorkflowConflictException)
            {
                return "conflict";
            }
        }

        var outcomes = await Task.WhenAll(Task.Run(ResumeAsync, Ct), Task.Run(ResumeAsync, Ct));

        Assert.Equal(["conflict", "resumed"], outcomes.Order());
        var afterRuns = await WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListActivityExecutionsAsync(started.InstanceId, "After", Ct).AsTask());
        Assert.Single(afterRuns);
    }
}

public sealed class RuntimeTests_Sqlite(SqliteWorkflowDatabase db) : RuntimeTests(db), IClassFixture<SqliteWorkflowDatabase>;

public sealed class RuntimeTests_PostgreSql(PostgreSqlWorkflowDatabase db) : RuntimeTests(db), IClassFixture<PostgreSqlWorkflowDatabase>;
