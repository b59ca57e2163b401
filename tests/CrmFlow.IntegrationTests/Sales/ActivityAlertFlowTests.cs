using System.Net;
using System.Net.Http.Json;
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
/// The repository's <c>workflows/opportunity-activity-alerts.json</c>, started when an activity is planned, on a host whose
/// clock the test moves: the due alert (24 h ahead) and the overdue alert each fire once on their durable timers; an
/// activity done in time gets none, one done after its due alert gets no overdue alert.
/// </summary>
public abstract class ActivityAlertFlowTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Due_and_overdue_alerts_fire_once_and_a_done_activity_gets_no_further_alert()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = await host.CreateEmptyDatabaseAsync();
        await using var app = host.NewFactory(database, new Dictionary<string, string?> { ["Workflows:Runtime:PollInterval"] = "00:00:00.200" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var sales = await app.CreateClient().SignedInAsAsync("sales");
        var salesId = (await (await sales.GetAsync("/api/me", Ct)).ReadAsync())["id"]!.GetValue<Guid>();
        var opportunity = (await (await sales.GetAsync("/api/opportunities?status=Open", Ct)).ReadAsync()).AsArray()[0]!;
        var opportunityId = opportunity["id"]!.GetValue<Guid>();
        var ownerId = (await (await sales.GetAsync($"/api/opportunities/{opportunityId}", Ct)).ReadAsync())["ownerId"]!.GetValue<Guid>();
        var dueAt = clock.GetUtcNow().AddDays(3);

        async Task<(Guid Id, string InstanceId)> PlanAsync(string subject)
        {
            var planned = await sales.PostAsJsonAsync($"/api/opportunities/{opportunityId}/activities", new { kind = "visit", subject, executorId = salesId, dueAt }, Ct);
            Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
            var body = await planned.ReadAsync();
            return (body["id"]!.GetValue<Guid>(), body["alertWorkflowInstanceId"]!.GetValue<string>());
        }

        async Task CompleteAsync(Guid activityId) => Assert.Equal(HttpStatusCode.NoContent, (await sales.PostAsJsonAsync(
            $"/api/opportunities/{opportunityId}/activities/{activityId}/completion", new { result = "Done" }, Ct)).StatusCode);

        Task<List<Notification>> AlertsAsync(Guid activityId) =>
            QueryAsync(app, db => db.Notifications.AsNoTracking().Where(n => n.Reference == activityId.ToString()).ToListAsync(Ct));

        async Task<WorkflowSubStatus?> SubStatusAsync(string instanceId) => (await WorkflowDatabase.FindInstanceAsync(app, instanceId))?.SubStatus;

        var late = await PlanAsync("Visit nobody makes");
        var early = await PlanAsync("Visit done at once");
        var between = await PlanAsync("Visit done after the reminder");
        foreach (var instanceId in new[] { late.InstanceId, early.InstanceId, between.InstanceId })
        {
            Assert.Equal(WorkflowSubStatus.Suspended, await SubStatusAsync(instanceId));
        }

        // Done in time: its alerts are cancelled with it.
        await CompleteAsync(early.Id);
        Assert.Equal(WorkflowSubStatus.Cancelled, await SubStatusAsync(early.InstanceId));

        // Just before the due alert (24 h ahead of the due time) nothing has gone out.
        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Empty(await AlertsAsync(late.Id));

        clock.Advance(TimeSpan.FromMinutes(2));
        await WorkflowDatabase.EventuallyAsync(async () => (await AlertsAsync(late.Id)).Count == 1, "the due alert should reach the executor");
        await WorkflowDatabase.EventuallyAsync(async () => (await AlertsAsync(between.Id)).Count == 1, "the second activity's due alert should go out too");
        var due = Assert.Single(await AlertsAsync(late.Id));
        Assert.Equal((salesId, ActivityAlertNotifications.Due), (due.UserId, due.Kind));
        Assert.Contains("Visit nobody makes", due.Message, StringComparison.Ordinal);

        // Done after its due alert but before the due time: no overdue alert (a fresh sign-in: the clock moved past the token's life).
        sales = await app.CreateClient().SignedInAsAsync("sales");
        await CompleteAsync(between.Id);

        clock.Advance(TimeSpan.FromDays(1));
        await WorkflowDatabase.EventuallyAsync(async () => await SubStatusAsync(late.InstanceId) == WorkflowSubStatus.Finished, "the late activity's flow should finish");
        var overdue = (await AlertsAsync(late.Id)).Where(n => n.Kind == ActivityAlertNotifications.Overdue).ToList();
        Assert.Equal(new[] { salesId, ownerId }.Distinct().Order(), overdue.Select(n => n.UserId).Order());
        Assert.All(overdue, n => Assert.Contains("is overdue", n.Message, StringComparison.Ordinal));

        // Much later: nothing fires again, and the activities done in time never got more.
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(WorkflowSubStatus.Cancelled, await SubStatusAsync(between.InstanceId));
        Assert.Single(await AlertsAsync(late.Id), n => n.Kind == ActivityAlertNotifications.Due);
        Assert.Equal(overdue.Count, (await AlertsAsync(late.Id)).Count(n => n.Kind == ActivityAlertNotifications.Overdue));
        Assert.Empty(await AlertsAsync(early.Id));
        Assert.Equal([ActivityAlertNotifications.Due], (await AlertsAsync(between.Id)).Select(n => n.Kind));
    }

    private static async Task<T> QueryAsync<T>(WebApplicationFactory<Program> app, Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}

public sealed class ActivityAlertFlowTests_Sqlite(SqliteHost host) : ActivityAlertFlowTests(host), IClassFixture<SqliteHost>;

public sealed class ActivityAlertFlowTests_PostgreSql(PostgreSqlHost host) : ActivityAlertFlowTests(host), IClassFixture<PostgreSqlHost>;
