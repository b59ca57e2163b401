using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Features.Opportunities.ActivityAlerts;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.IntegrationTests.Workflows;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.IntegrationTests.Sales;

/// <summary>
/// Changing and cancelling a planned activity over HTTP, with the repository's <c>opportunity-activity-alerts</c> flow on
/// hosts whose clock the test moves: a rescheduled activity is alerted at its new time to its new executor and never at
/// the old time (on PostgreSQL with a second host running timers on the same database), a cancelled one is alerted to
/// nobody, done or cancelled activities refuse changes, and bad input or an executor without rights is refused with the
/// field and the reason. An unchanged activity planned with the same times shows when the old times have been processed.
/// </summary>
public abstract class ActivityChangeTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Whether a second host may share the database (SQLite is single-host).</summary>
    protected virtual bool ManyHosts => false;

    [Fact]
    public async Task A_rescheduled_activity_is_alerted_at_the_new_time_to_the_new_executor_and_never_at_the_old_time()
    {
        var t = await ClockedHostAsync();
        var start = t.Clock.GetUtcNow();
        var moved = await t.PlanAsync("Visit moved to next week", start.AddDays(3));
        var probe = await t.PlanAsync("Visit kept in place", start.AddDays(3));
        var handlerId = await t.UserIdAsync("handler");
        using (var admin = await t.App.CreateClient().SignedInAsAsync("admin"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/customers/{t.CustomerId}/permissions/{handlerId}", new { access = "Write" }, Ct)).StatusCode);
        }

        var newDue = start.AddDays(6);
        var changed = await t.Sales.PatchAsJsonAsync(t.ActivityUrl(moved.Id), new { dueAt = newDue, executorId = handlerId }, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await changed.ReadAsync();
        Assert.Equal(2, body["revision"]!.GetValue<int>());
        Assert.True(body["alertsRescheduled"]!.GetValue<bool>());
        var newInstanceId = body["alertWorkflowInstanceId"]!.GetValue<string>();
        Assert.NotEqual(moved.InstanceId, newInstanceId);
        Assert.Equal(WorkflowSubStatus.Cancelled, await t.SubStatusAsync(moved.InstanceId));
        Assert.Equal(WorkflowSubStatus.Suspended, await t.SubStatusAsync(newInstanceId));
        var details = await (await t.Sales.GetAsync($"/api/opportunities/{t.OpportunityId}", Ct)).ReadAsync();
        var shown = details["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<Guid>() == moved.Id)!;
        Assert.Equal(handlerId, shown["executorId"]!.GetValue<Guid>());
        Assert.Equal(newDue, shown["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Planned", shown["status"]!.GetValue<string>());

        if (ManyHosts)
        {
            // A second host on the same database runs its own timer loop from now on: every alert still goes out once.
            var second = host.NewFactory(t.Database, HostSettings).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(t.Clock)));
            _ = second.Server;
        }

        // The old due-alert time and the old due time pass: the unchanged activity is alerted, the moved one is not.
        t.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await WorkflowDatabase.EventuallyAsync(async () => (await t.AlertsAsync(probe.Id)).Count == 1, "the unchanged activity's due alert should go out");
        t.Clock.Advance(TimeSpan.FromDays(1));
        await WorkflowDatabase.EventuallyAsync(
            async () => (await t.AlertsAsync(probe.Id)).Any(n => n.Kind == ActivityAlertNotifications.Overdue), "the unchanged activity's overdue alert should go out");
        Assert.Empty(await t.AlertsAsync(moved.Id));

        // 24 h before the new due time the new executor, and only they, gets the due alert, naming the new time.
        t.Clock.Advance(TimeSpan.FromDays(2));
        await WorkflowDatabase.EventuallyAsync(async () => (await t.AlertsAsync(moved.Id)).Count == 1, "the due alert should come at the new time");
        var due = Assert.Single(await t.AlertsAsync(moved.Id));
        Assert.Equal((handlerId, ActivityAlertNotifications.Due), (due.UserId, due.Kind));
        Assert.Contains(newDue.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), due.Message, StringComparison.Ordinal);

        // Past the new due time: the overdue alert to the new executor and the owner; then the flow is finished.
        t.Clock.Advance(TimeSpan.FromDays(1));
        await WorkflowDatabase.EventuallyAsync(async () => await t.SubStatusAsync(newInstanceId) == WorkflowSubStatus.Finished, "the new alert flow should finish");
        var alerts = await t.AlertsAsync(moved.Id);
        Assert.Equal([handlerId], alerts.Where(n => n.Kind == ActivityAlertNotifications.Due).Select(n => n.UserId));
        Assert.Equal(new[] { handlerId, t.OwnerId }.Distinct().Order(), alerts.Where(n => n.Kind == ActivityAlertNotifications.Overdue).Select(n => n.UserId).Order());

        // Much later nothing more comes, from either host.
        t.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(alerts.Count, (await t.AlertsAsync(moved.Id)).Count);
        Assert.Equal(2, (await t.AlertsAsync(probe.Id)).Count(n => n.UserId == t.SalesId));
    }

    [Fact]
    public async Task A_cancelled_activity_is_alerted_to_nobody_and_done_or_cancelled_activities_cannot_be_changed()
    {
        var t = await ClockedHostAsync();
        var start = t.Clock.GetUtcNow();
        var cancelled = await t.PlanAsync("Visit called off", start.AddDays(2));
        var probe = await t.PlanAsync("Visit that happens", start.AddDays(2));
        var done = await t.PlanAsync("Call already made", start.AddDays(2));

        var noReason = await t.Sales.PostAsJsonAsync($"{t.ActivityUrl(cancelled.Id)}/cancellation", new { reason = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.ReadAsync())["errors"]!["reason"]);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Sales.PostAsJsonAsync($"{t.ActivityUrl(cancelled.Id)}/cancellation", new { reason = "The customer postponed the project" }, Ct)).StatusCode);
        Assert.Equal(WorkflowSubStatus.Cancelled, await t.SubStatusAsync(cancelled.InstanceId));
        // Cancelling again changes nothing (a retried request).
        Assert.Equal(HttpStatusCode.NoContent, (await t.Sales.PostAsJsonAsync($"{t.ActivityUrl(cancelled.Id)}/cancellation", new { reason = "again" }, Ct)).StatusCode);
        var shown = (await (await t.Sales.GetAsync($"/api/opportunities/{t.OpportunityId}", Ct)).ReadAsync())["activities"]!.AsArray()
            .Single(a => a!["id"]!.GetValue<Guid>() == cancelled.Id)!;
        Assert.Equal("Cancelled", shown["status"]!.GetValue<string>());
        Assert.Equal("The customer postponed the project", shown["cancelReason"]!.GetValue<string>());
        Assert.NotNull(shown["cancelledAt"]);

        await AssertRefusedAsync(await t.Sales.PatchAsJsonAsync(t.ActivityUrl(cancelled.Id), new { dueAt = start.AddDays(5) }, Ct), "opportunity.activity_cancelled");
        await AssertRefusedAsync(
            await t.Sales.PostAsJsonAsync($"{t.ActivityUrl(cancelled.Id)}/completion", new { result = "Held anyway" }, Ct), "opportunity.activity_cancelled");

        Assert.Equal(HttpStatusCode.NoContent, (await t.Sales.PostAsJsonAsync($"{t.ActivityUrl(done.Id)}/completion", new { result = "Agreed next steps" }, Ct)).StatusCode);
        await AssertRefusedAsync(await t.Sales.PatchAsJsonAsync(t.ActivityUrl(done.Id), new { subject = "Renamed after the fact" }, Ct), "opportunity.activity_done");
        await AssertRefusedAsync(await t.Sales.PostAsJsonAsync($"{t.ActivityUrl(done.Id)}/cancellation", new { reason = "Too late" }, Ct), "opportunity.activity_done");

        // Past the due time: the activity that happens is alerted twice (due, overdue), the cancelled and the done ones never.
        t.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await WorkflowDatabase.EventuallyAsync(
            async () => (await t.AlertsAsync(probe.Id)).Any(n => n.Kind == ActivityAlertNotifications.Overdue), "the planned activity's overdue alert should go out");
        Assert.Empty(await t.AlertsAsync(cancelled.Id));
        Assert.Empty(await t.AlertsAsync(done.Id));
        Assert.Equal(WorkflowSubStatus.Cancelled, await t.SubStatusAsync(cancelled.InstanceId));
    }

    [Fact]
    public async Task Bad_changes_are_refused_naming_the_field_and_an_executor_without_write_permission_with_the_reason()
    {
        var sales = await host.CreateClient().SignedInAsAsync("sales");
        var opportunityId = (await (await sales.GetAsync("/api/opportunities?status=Open", Ct)).ReadAsync()).AsArray()[0]!["id"]!.GetValue<Guid>();
        var salesId = (await (await sales.GetAsync("/api/me", Ct)).ReadAsync())["id"]!.GetValue<Guid>();
        var planned = await sales.PostAsJsonAsync($"/api/opportunities/{opportunityId}/activities", new
        {
            kind = "visit", subject = "Site survey", executorId = salesId, dueAt = DateTimeOffset.UtcNow.AddDays(3),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var plannedBody = await planned.ReadAsync();
        var url = $"/api/opportunities/{opportunityId}/activities/{plannedBody["id"]!.GetValue<Guid>()}";
        var instanceId = plannedBody["alertWorkflowInstanceId"]!.GetValue<string>();

        var empty = await sales.PatchAsJsonAsync(url, new { subject = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ReadAsync())["errors"]!["subject"]);
        var tooLong = await sales.PatchAsJsonAsync(url, new { subject = new string('x', 201) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await tooLong.ReadAsync())["errors"]!["subject"]);

        // 权限校验: the marketing user has no right on the customer; the change is refused with the reason, nothing changes.
        var marketingId = await UserIdAsync(host.Factory, "marketing");
        var lacking = await sales.PatchAsJsonAsync(url, new { executorId = marketingId, subject = "Site survey with marketing" }, Ct);
        var problem = await AssertRefusedAsync(lacking, "opportunity.executor_lacks_access");
        Assert.Contains("no write permission", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(problem["errors"]!["ExecutorId"]);

        var past = await sales.PatchAsJsonAsync(url, new { dueAt = DateTimeOffset.UtcNow.AddHours(-1) }, Ct);
        Assert.NotNull((await AssertRefusedAsync(past, "opportunity.due_in_past"))["errors"]!["DueAt"]);

        var activity = (await (await sales.GetAsync($"/api/opportunities/{opportunityId}", Ct)).ReadAsync())["activities"]!.AsArray()
            .Single(a => a!["subject"]!.GetValue<string>() == "Site survey")!;
        Assert.Equal(salesId, activity["executorId"]!.GetValue<Guid>());

        // A new subject alone keeps the alerts as they are (same instance, still waiting).
        var renamed = await sales.PatchAsJsonAsync(url, new { subject = "Site survey and demo" }, Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var renamedBody = await renamed.ReadAsync();
        Assert.False(renamedBody["alertsRescheduled"]!.GetValue<bool>());
        Assert.Equal(instanceId, renamedBody["alertWorkflowInstanceId"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Suspended, (await WorkflowDatabase.FindInstanceAsync(host.Factory, instanceId))?.SubStatus);

        // Without write permission on the opportunity's customer the activity is not there at all.
        using var stranger = await host.CreateClientWithRolesAsync(CrmRoles.SalesRep);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PatchAsJsonAsync(url, new { subject = "Hijacked" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"{url}/cancellation", new { reason = "Hijacked" }, Ct)).StatusCode);
    }

    private static readonly Dictionary<string, string?> HostSettings = new() { ["Workflows:Runtime:PollInterval"] = "00:00:00.200" };

    private static async Task<JsonNode> AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadAsync();
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        return problem;
    }

    private static async Task<Guid> UserIdAsync(WebApplicationFactory<Program> app, string userName) =>
        await QueryAsync(app, db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct));

    private static async Task<T> QueryAsync<T>(WebApplicationFactory<Program> app, Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    /// <summary>A host on a fresh database whose clock the test moves, signed in as the sales rep, on the first open opportunity.</summary>
    private async Task<ClockedHost> ClockedHostAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero)); // whole seconds: stored times compare equal
        var database = await host.CreateEmptyDatabaseAsync();
        var app = host.NewFactory(database, HostSettings).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var sales = await app.CreateClient().SignedInAsAsync("sales");
        var salesId = (await (await sales.GetAsync("/api/me", Ct)).ReadAsync())["id"]!.GetValue<Guid>();
        var opportunityId = (await (await sales.GetAsync("/api/opportunities?status=Open", Ct)).ReadAsync()).AsArray()[0]!["id"]!.GetValue<Guid>();
        var details = await (await sales.GetAsync($"/api/opportunities/{opportunityId}", Ct)).ReadAsync();
        return new ClockedHost(app, database, clock, sales, salesId, opportunityId, details["customerId"]!.GetValue<Guid>(), details["ownerId"]!.GetValue<Guid>());
    }

    private sealed record ClockedHost(
        WebApplicationFactory<Program> App, TestDatabase Database, FakeTimeProvider Clock, HttpClient Sales, Guid SalesId, Guid OpportunityId, Guid CustomerId, Guid OwnerId)
    {
        public string ActivityUrl(Guid activityId) => $"/api/opportunities/{OpportunityId}/activities/{activityId}";

        public async Task<(Guid Id, string InstanceId)> PlanAsync(string subject, DateTimeOffset dueAt)
        {
            var planned = await Sales.PostAsJsonAsync($"/api/opportunities/{OpportunityId}/activities", new { kind = "visit", subject, executorId = SalesId, dueAt }, Ct);
            Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
            var body = await planned.ReadAsync();
            return (body["id"]!.GetValue<Guid>(), body["alertWorkflowInstanceId"]!.GetValue<string>());
        }

        public Task<Guid> UserIdAsync(string userName) => ActivityChangeTests.UserIdAsync(App, userName);

        public Task<List<Notification>> AlertsAsync(Guid activityId) =>
            QueryAsync(App, db => db.Notifications.AsNoTracking().Where(n => n.Reference == activityId.ToString()).ToListAsync(Ct));

        public async Task<WorkflowSubStatus?> SubStatusAsync(string instanceId) => (await WorkflowDatabase.FindInstanceAsync(App, instanceId))?.SubStatus;
    }
}

public sealed class ActivityChangeTests_Sqlite(SqliteHost host) : ActivityChangeTests(host), IClassFixture<SqliteHost>;

public sealed class ActivityChangeTests_PostgreSql(PostgreSqlHost host) : ActivityChangeTests(host), IClassFixture<PostgreSqlHost>
{
    protected override bool ManyHosts => true;
}
