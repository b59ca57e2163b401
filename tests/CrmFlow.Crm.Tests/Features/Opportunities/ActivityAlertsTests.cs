using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Opportunities.ActivityAlerts;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Tests.Features.Opportunities;

/// <summary>The two steps of the activity alerts flow on a real SQLite file: the schedule and the notifications.</summary>
public class ActivityAlertsTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    [Fact]
    public async Task The_schedule_puts_the_due_alert_ahead_of_the_due_time_never_in_the_past()
    {
        var (activity, _, _) = await PlannedActivityAsync(fixture.Time.GetUtcNow().AddDays(3));
        var soon = (await PlannedActivityAsync(fixture.Time.GetUtcNow().AddHours(2))).Activity;

        var schedule = (await fixture.SendAsync(new GetActivityAlertScheduleQuery(activity, 24, 2))).Value!;
        var late = (await fixture.SendAsync(new GetActivityAlertScheduleQuery(soon, 24, 0))).Value!;

        Assert.False(schedule.IsDone);
        Assert.Equal(schedule.DueAt.AddHours(-24), schedule.DueAlertAt);
        Assert.Equal(schedule.DueAt.AddHours(2), schedule.OverdueAt);
        Assert.Equal(fixture.Time.GetUtcNow(), late.DueAlertAt);
        Assert.Equal(late.DueAt, late.OverdueAt);
        Assert.False((await fixture.SendAsync(new GetActivityAlertScheduleQuery(Guid.NewGuid(), 24, 0))).IsOk);
    }

    [Fact]
    public async Task Due_alerts_the_executor_overdue_also_the_owner_once_each_and_a_done_activity_nobody()
    {
        var (activity, executor, owner) = await PlannedActivityAsync(fixture.Time.GetUtcNow().AddDays(1));

        var due = (await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Due))).Value!;
        var overdue = (await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Overdue))).Value!;
        var replayed = (await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Overdue))).Value!;

        Assert.True(due.Sent);
        Assert.Equal([executor], due.Recipients);
        Assert.Equal(new[] { executor, owner }.Order(), overdue.Recipients.Order());
        Assert.True(replayed.Sent);
        var notifications = await fixture.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.Reference == activity.ToString()).ToListAsync());
        Assert.Equal(3, notifications.Count);
        Assert.Single(notifications, n => n.Kind == ActivityAlertNotifications.Due && n.UserId == executor);
        Assert.Single(notifications, n => n.Kind == ActivityAlertNotifications.Overdue && n.UserId == executor);
        Assert.Single(notifications, n => n.Kind == ActivityAlertNotifications.Overdue && n.UserId == owner);

        var (done, _, _) = await PlannedActivityAsync(fixture.Time.GetUtcNow().AddDays(1), complete: true);
        var skipped = (await fixture.SendAsync(new SendActivityAlertCommand(done, ActivityAlertKind.Due))).Value!;
        Assert.False(skipped.Sent);
        Assert.True((await fixture.SendAsync(new GetActivityAlertScheduleQuery(done, 24, 0))).Value!.IsDone);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Notifications.CountAsync(n => n.Reference == done.ToString())));
    }

    [Fact]
    public async Task A_change_silences_the_old_revision_and_the_new_one_alerts_its_new_executor_once()
    {
        var (activity, executor, _) = await PlannedActivityAsync(fixture.Time.GetUtcNow().AddDays(1));
        var newExecutor = await fixture.AddUserAsync("new-executor", CrmRoles.SalesRep);
        Assert.True((await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Due, 1))).Value!.Sent);

        var revision = await ChangeAsync(activity, a => a.Change(null, newExecutor, fixture.Time.GetUtcNow().AddDays(3)));

        Assert.Equal(2, revision);
        Assert.False((await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Due, 1))).Value!.Sent);
        Assert.False((await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Overdue, 1))).Value!.Sent);
        Assert.True((await fixture.SendAsync(new GetActivityAlertScheduleQuery(activity, 24, 0, 1))).Value!.IsDone);
        var schedule = (await fixture.SendAsync(new GetActivityAlertScheduleQuery(activity, 24, 0, 2))).Value!;
        Assert.False(schedule.IsDone);
        Assert.Equal(fixture.Time.GetUtcNow().AddDays(2), schedule.DueAlertAt);

        var due = (await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Due, 2))).Value!;
        var replayed = (await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Due, 2))).Value!;

        Assert.Equal([newExecutor], due.Recipients);
        Assert.True(replayed.Sent);
        var dueAlerts = await fixture.QueryAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Reference == activity.ToString() && n.Kind == ActivityAlertNotifications.Due).Select(n => n.UserId).ToListAsync());
        Assert.Equal(new[] { executor, newExecutor }.Order(), dueAlerts.Order());
    }

    [Fact]
    public async Task A_new_subject_alone_keeps_the_revision_and_a_cancelled_activity_alerts_nobody()
    {
        var (activity, _, _) = await PlannedActivityAsync(fixture.Time.GetUtcNow().AddDays(1));

        Assert.Equal(1, await ChangeAsync(activity, a => a.Change("Workshop with the CIO", null, null)));
        var due = (await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Due, 1))).Value!;
        Assert.True(due.Sent);
        Assert.Contains("Workshop with the CIO", await fixture.QueryAsync(db => db.Notifications.Where(n => n.Reference == activity.ToString()).Select(n => n.Message).SingleAsync()), StringComparison.Ordinal);

        Assert.Equal(2, await ChangeAsync(activity, a => a.Cancel("Postponed by the customer", fixture.Time.GetUtcNow())));
        Assert.False((await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Overdue))).Value!.Sent);
        Assert.False((await fixture.SendAsync(new SendActivityAlertCommand(activity, ActivityAlertKind.Overdue, 2))).Value!.Sent);
        Assert.True((await fixture.SendAsync(new GetActivityAlertScheduleQuery(activity, 24, 0))).Value!.IsDone);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Notifications.CountAsync(n => n.Reference == activity.ToString())));
    }

    [Fact]
    public async Task An_alert_written_from_a_read_older_than_a_committed_change_fails_on_the_revision()
    {
        var (activity, _, _) = await PlannedActivityAsync(fixture.Time.GetUtcNow().AddDays(1));
        await fixture.QueryAsync(async stale =>
        {
            var read = await stale.Set<OpportunityActivity>().SingleAsync(a => a.Id == activity);
            await ChangeAsync(activity, a => a.Change(null, null, fixture.Time.GetUtcNow().AddDays(2)));

            read.AlertSent(overdue: false);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync(TestContext.Current.CancellationToken));
            return true;
        });
        Assert.Null(await fixture.QueryAsync(db => db.Set<OpportunityActivity>().Where(a => a.Id == activity).Select(a => a.DueAlertRevision).SingleAsync()));
    }

    /// <summary>Applies <paramref name="change"/> to the stored activity and saves; returns its revision after.</summary>
    private Task<int> ChangeAsync(Guid activityId, Action<OpportunityActivity> change) => fixture.QueryAsync(async db =>
    {
        var activity = await db.Set<OpportunityActivity>().SingleAsync(a => a.Id == activityId);
        change(activity);
        await db.SaveChangesAsync();
        return activity.Revision;
    });

    private async Task<(Guid Activity, Guid Executor, Guid Owner)> PlannedActivityAsync(DateTimeOffset dueAt, bool complete = false)
    {
        var admin = await fixture.AddUserAsync("admin", CrmRoles.Administrator);
        var executor = await fixture.AddUserAsync("executor", CrmRoles.SalesRep);
        var owner = await fixture.AddUserAsync("owner", CrmRoles.SalesRep);
        fixture.RunAs(admin, CrmRoles.Administrator);
        var customer = (await fixture.SendAsync(new CreateCustomerCommand($"A{Guid.NewGuid():N}"[..12], "Alerted", CustomerKind.Formal, null, null, owner))).Value!.Id;
        var now = fixture.Time.GetUtcNow();
        var mode = new SalesMode(Guid.CreateVersion7(), $"M{Guid.NewGuid():N}"[..10], "Mode");
        var stage = mode.AddStage(Guid.CreateVersion7(), "First", 1m, 0.5m, 1m);
        var opportunity = new Opportunity(
            Guid.CreateVersion7(), "Deal", customer, mode.Id, stage.Id, owner, "ERP", 1000m, DateOnly.FromDateTime(now.UtcDateTime), null, admin, now);
        var activity = opportunity.PlanActivity(Guid.CreateVersion7(), "visit", "Workshop", executor, dueAt, now);
        if (complete)
        {
            activity.Complete("Held", now);
        }

        await fixture.InsertAsync(mode, opportunity);
        return (activity.Id, executor, owner);
    }
}
