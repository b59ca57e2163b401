using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.ActivityAlerts;
using CrmFlow.Crm.Features.Opportunities.AddQuote;
using CrmFlow.Crm.Features.Opportunities.Common;
using CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.ChangeActivity;

/// <summary>
/// Changes a planned activity: what is given of subject, executor and due time (null: unchanged). A new executor's right
/// on the customer is verified as when planning (权限校验, <c>opportunity.executor_lacks_access</c>); a new due time must
/// not be past (<c>opportunity.due_in_past</c>); a done or cancelled activity is refused
/// (<c>opportunity.activity_done</c> / <c>opportunity.activity_cancelled</c>). When the executor or due time changes,
/// the activity's alert instance is cancelled and one for the new schedule started: the alerts come at the new time to
/// the new executor, none at the old time.
/// </summary>
public sealed record ChangeActivityCommand(Guid OpportunityId, Guid ActivityId, string? Subject, Guid? ExecutorId, DateTimeOffset? DueAt)
    : ICommand<Result<ActivityChanged>>;

/// <summary>
/// The activity after the change: its revision and the alert instance of that revision (null when the flow is not
/// published); <paramref name="AlertsRescheduled"/> when a new instance took over from the old one.
/// </summary>
public sealed record ActivityChanged(Guid Id, int Revision, bool AlertsRescheduled, string? AlertWorkflowInstanceId);

internal sealed class ChangeActivityValidator : AbstractValidator<ChangeActivityCommand>
{
    public ChangeActivityValidator()
    {
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(200).When(c => c.Subject is not null);
        RuleFor(c => c.ExecutorId).NotEqual(Guid.Empty).When(c => c.ExecutorId is not null);
        RuleFor(c => c.DueAt).NotEqual(default(DateTimeOffset)).When(c => c.DueAt is not null);
    }
}

internal sealed class ChangeActivityHandler(CrmDbContext db, ICurrentUser user, ISender sender, TimeProvider time, ActivityAlertFlow alerts)
    : ICommandHandler<ChangeActivityCommand, Result<ActivityChanged>>
{
    public async ValueTask<Result<ActivityChanged>> Handle(ChangeActivityCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).Include(o => o.Activities)
            .SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        var activity = opportunity?.Activities.FirstOrDefault(a => a.Id == command.ActivityId);
        if (opportunity is null || activity is null)
        {
            return Result<ActivityChanged>.NotFound();
        }

        if (ActivityRefusal.Of(activity) is { } refused)
        {
            return refused.Cast<ActivityChanged>();
        }

        if (!opportunity.IsOpen)
        {
            return Result<ActivityChanged>.Refused(OpportunityRefusals.Closed, "The opportunity is closed.");
        }

        if (command.DueAt is { } dueAt && dueAt != activity.DueAt && dueAt < time.GetUtcNow())
        {
            return Result<ActivityChanged>.Refused(
                OpportunityRefusals.DueInPast, "The new due time has passed.", OpportunityAccess.Field("DueAt", "Must not be in the past."));
        }

        if (command.ExecutorId is { } executorId && executorId != activity.ExecutorId)
        {
            var report = await sender.Send(new CheckCustomerAccessQuery(opportunity.CustomerId, [executorId], Access.Write), cancellationToken);
            if (report.UsersWithoutAccess.Count > 0)
            {
                return Result<ActivityChanged>.Refused(
                    OpportunityRefusals.ExecutorLacksAccess, "The executor has no write permission on the customer; grant it first.",
                    OpportunityAccess.Field("ExecutorId", "Lacks write permission on the customer."));
            }
        }

        var previousInstanceId = ActivityAlertFlow.CurrentInstanceOf(activity);
        var rescheduled = activity.Change(command.Subject, command.ExecutorId, command.DueAt);
        if (rescheduled)
        {
            ActivityAlertFlow.AssignInstance(activity);
        }

        // One conditional update (the revision is the concurrency token): a change made meanwhile from another read fails
        // this one with a conflict rather than being overwritten.
        await db.SaveChangesAsync(cancellationToken);
        if (!rescheduled)
        {
            return Result<ActivityChanged>.Ok(new ActivityChanged(activity.Id, activity.Revision, false, activity.AlertWorkflowInstanceId));
        }

        // The revision committed above already silences the old instance (its steps re-read the activity); cancelling
        // it removes its timers, and the new instance waits for the new times.
        await alerts.CancelAsync(previousInstanceId, cancellationToken);
        var started = await alerts.StartAsync(activity.Id, activity.Revision, cancellationToken);
        return Result<ActivityChanged>.Ok(new ActivityChanged(activity.Id, activity.Revision, true, started));
    }
}
