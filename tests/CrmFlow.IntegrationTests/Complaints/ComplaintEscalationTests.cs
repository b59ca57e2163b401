using System.Net;
using System.Net.Http.Json;
using CrmFlow.Crm.Data;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.IntegrationTests.Workflows;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFlow.IntegrationTests.Complaints;

/// <summary>
/// Overdue escalation with moved time: the assignment task's due time (Complaints:AssignHandlerHours, 4 h by
/// default) passes on the fake clock; the durable timer fires once, the task is marked escalated, the complaint
/// overdue and the supervisors notified — and the task keeps waiting.
/// </summary>
public abstract class ComplaintEscalationTests(WorkflowDatabase db)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_overdue_step_escalates_once_when_time_passes()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", "complaint-handling.json"), Path.Combine(db.WorkflowsDirectory, "complaint-handling.json"), overwrite: true);
        var host = db.Host;
        using var client = WorkflowDatabase.ClientOf(host);
        var posted = await client.PostAsJsonAsync("/workflows/complaints", new
        {
            customerCode = "C001", reasonCode = "QUALITY", targetType = "Department", targetName = "After-sales", details = "Nobody called back.",
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var ids = await posted.ReadAsync();
        var complaintId = Guid.Parse(ids["complaintId"]!.ToString());
        var instanceId = ids["workflowInstanceId"]!.ToString();

        async Task<T> Crm<T>(Func<CrmDbContext, Task<T>> query) => await WorkflowDatabase.WithScopeAsync(host, sp => query(sp.GetRequiredService<CrmDbContext>()));
        async Task<UserTaskItem> AssignTask() => (await WorkflowDatabase.WithScopeAsync(host, sp =>
            sp.GetRequiredService<IUserTaskStore>().ListOpenByInstancesAsync([instanceId], Ct).AsTask())).Single();

        var task = await AssignTask();
        Assert.Equal(db.Clock.GetUtcNow().AddHours(4), task.Spec.DueAt);
        Assert.Null(task.Spec.EscalatedAt);

        db.Clock.Advance(TimeSpan.FromHours(3));
        Assert.False(await Crm(d => d.Complaints.Where(c => c.Id == complaintId).Select(c => c.IsOverdue).SingleAsync(Ct)));

        db.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await WorkflowDatabase.EventuallyAsync(async () => await Crm(d => d.Complaints.Where(c => c.Id == complaintId).Select(c => c.IsOverdue).SingleAsync(Ct)),
            "the complaint should be marked overdue");
        await WorkflowDatabase.EventuallyAsync(async () => (await AssignTask()).Spec.EscalatedAt is not null, "the task should be marked escalated");

        var escalated = await AssignTask();
        Assert.Equal(task.Id, escalated.Id);
        Assert.Equal(UserTaskStatus.Open, escalated.Status);
        var supervisorId = await Crm(d => d.Users.Where(u => u.UserName == "supervisor").Select(u => u.Id).SingleAsync(Ct));
        var notifications = await Crm(d => d.Notifications.Where(n => n.Reference == complaintId.ToString()).ToListAsync(Ct));
        Assert.Single(notifications, n => n.UserId == supervisorId && n.Kind == "ComplaintOverdue");
        var instance = await WorkflowDatabase.FindInstanceAsync(host, instanceId);
        Assert.Equal(WorkflowSubStatus.Suspended, instance!.SubStatus);

        // The supervisor reads it through the API (with the link into the complaint) and marks it read; nobody else sees it.
        using var supervisor = await host.CreateClient().SignedInAsAsync("supervisor");
        var inbox = await (await supervisor.GetAsync("/api/notifications?unreadOnly=true", Ct)).ReadAsync();
        var unread = inbox["unreadCount"]!.GetValue<int>();
        var overdue = inbox["items"]!.AsArray().Single(n => n!["reference"]!.ToString() == complaintId.ToString())!;
        Assert.Equal("ComplaintOverdue", overdue["kind"]!.ToString());
        Assert.Equal($"/complaints?id={complaintId}", overdue["link"]!.ToString());
        Assert.Contains("overdue", overdue["message"]!.ToString(), StringComparison.Ordinal);
        using var handler = await host.CreateClient().SignedInAsAsync("handler");
        var notMine = await handler.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { overdue["id"]!.GetValue<Guid>() } }, Ct);
        Assert.Equal(0, (await notMine.ReadAsync())["marked"]!.GetValue<int>());
        Assert.DoesNotContain((await (await handler.GetAsync("/api/notifications", Ct)).ReadAsync())["items"]!.AsArray(),
            n => n!["reference"]?.ToString() == complaintId.ToString());
        var read = await (await supervisor.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { overdue["id"]!.GetValue<Guid>() } }, Ct)).ReadAsync();
        Assert.Equal(1, read["marked"]!.GetValue<int>());
        Assert.Equal(unread - 1, read["unreadCount"]!.GetValue<int>());
        var after = await (await supervisor.GetAsync("/api/notifications", Ct)).ReadAsync();
        Assert.NotNull(after["items"]!.AsArray().Single(n => n!["id"]!.ToString() == overdue["id"]!.ToString())!["readAt"]);
        var empty = await supervisor.PostAsJsonAsync("/api/notifications/read", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ReadAsync())["errors"]!["ids"]);

        // Nothing fires twice.
        db.Clock.Advance(TimeSpan.FromHours(10));
        var journal = await WorkflowDatabase.WithScopeAsync(host, sp => sp.GetRequiredService<IWorkflowInstanceStore>().ListJournalAsync(instanceId, null, Ct).AsTask());
        Assert.Single(journal.Items, j => j.ActivityId == "AssignHandlerTask" && j.EventName == "Resumed");
    }
}

public sealed class ComplaintEscalationTests_Sqlite(SqliteWorkflowDatabase db) : ComplaintEscalationTests(db), IClassFixture<SqliteWorkflowDatabase>;

public sealed class ComplaintEscalationTests_PostgreSql(PostgreSqlWorkflowDatabase db) : ComplaintEscalationTests(db), IClassFixture<PostgreSqlWorkflowDatabase>;
