using CrmFlow.Crm.Domain.Sales;

namespace CrmFlow.Crm.Tests.Domain.Sales;

/// <summary>A planned activity's changes: which of them move its revision (its alerts follow) and which states refuse them.</summary>
public class OpportunityActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Executor = Guid.CreateVersion7();

    private static OpportunityActivity Planned() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), "visit", "Workshop", Executor, Now.AddDays(3), Now);

    [Fact]
    public void A_new_executor_or_due_time_moves_the_revision_a_subject_or_the_same_values_do_not()
    {
        var activity = Planned();
        Assert.Equal(1, activity.Revision);

        Assert.False(activity.Change("  Workshop with the CIO ", Executor, Now.AddDays(3)));
        Assert.Equal(("Workshop with the CIO", 1), (activity.Subject, activity.Revision));

        Assert.True(activity.Change(null, null, Now.AddDays(4)));
        Assert.Equal((Now.AddDays(4), 2), (activity.DueAt, activity.Revision));

        var other = Guid.CreateVersion7();
        Assert.True(activity.Change(null, other, null));
        Assert.Equal((other, 3, OpportunityActivityStatus.Planned), (activity.ExecutorId, activity.Revision, activity.Status));
    }

    [Fact]
    public void Done_and_cancelled_activities_refuse_changes_and_each_other()
    {
        var done = Planned();
        done.Complete("Held", Now);
        done.Complete("Held again", Now.AddHours(1));
        Assert.Equal((OpportunityActivityStatus.Done, Now, 2), (done.Status, done.DoneAt!.Value, done.Revision));
        Assert.Throws<InvalidOperationException>(() => done.Change("x", null, null));
        Assert.Throws<InvalidOperationException>(() => done.Cancel("too late", Now));

        var cancelled = Planned();
        cancelled.Cancel(" Postponed ", Now);
        cancelled.Cancel("Again", Now.AddHours(1));
        Assert.Equal((OpportunityActivityStatus.Cancelled, "Postponed", Now, 2), (cancelled.Status, cancelled.CancelReason, cancelled.CancelledAt!.Value, cancelled.Revision));
        Assert.Throws<InvalidOperationException>(() => cancelled.Change(null, null, Now.AddDays(5)));
        Assert.Throws<InvalidOperationException>(() => cancelled.Complete("Held anyway", Now));
    }

    [Fact]
    public void An_alert_counts_as_sent_for_the_revision_it_was_sent_in_only()
    {
        var activity = Planned();
        activity.AlertSent(overdue: false);
        Assert.True(activity.HasSentAlert(overdue: false));
        Assert.False(activity.HasSentAlert(overdue: true));

        activity.Change(null, null, Now.AddDays(5));
        Assert.False(activity.HasSentAlert(overdue: false));
    }
}
