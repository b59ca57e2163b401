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

namespace CrmFlow.Crm.Features.Opportunities.PlanActivity;

/// <summary>
/// Plans an activity (visit, call…) on an open opportunity. The executor's right on the customer is verified first
/// (权限校验): an executor lacking write is refused with <c>opportunity.executor_lacks_access</c> until granted. Planning
/// starts the activity's <c>opportunity-activity-alerts</c> flow (due and overdue alerts on durable timers).
/// </summary>
public sealed record PlanActivityCommand(Guid OpportunityId, string Kind, string Subject, Guid ExecutorId, DateTimeOffset DueAt)
    : ICommand<Result<ActivityPlanned>>;

/// <summary>The planned activity and the instance of its due / overdue alert flow (null when that flow is not published).</summary>
public sealed record ActivityPlanned(Guid Id, string? AlertWorkflowInstanceId);

internal sealed class PlanActivityValidator : AbstractValidator<PlanActivityCommand>
{
    public PlanActivityValidator()
    {
        RuleFor(c => c.Kind).NotEmpty().MaximumLength(32);
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(200);
        RuleFor(c => c.ExecutorId).NotEmpty();
        RuleFor(c => c.DueAt).NotEmpty();
    }
}

internal sealed class PlanActivityHandler(CrmDbContext db, ICurrentUser user, ISender sender, TimeProvider time, ActivityAlertFlow alerts)
    : ICommandHandler<PlanActivityCommand, Result<ActivityPlanned>>
{
    public async ValueTask<Result<ActivityPlanned>> Handle(PlanActivityCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        if (opportunity is null)
        {
            return Result<ActivityPlanned>.NotFound();
        }

        if (!opportunity.IsOpen)
        {
            return Result<ActivityPlanned>.Refused(OpportunityRefusals.Closed, "The opportunity is closed.");
        }

        var report = await sender.Send(new CheckCustomerAccessQuery(opportunity.CustomerId, [command.ExecutorId], Access.Write), cancellationToken);
        if (report.UsersWithoutAccess.Count > 0)
        {
            return Result<ActivityPlanned>.Refused(
                OpportunityRefusals.ExecutorLacksAccess, "The executor has no write permission on the customer; grant it first.",
                OpportunityAccess.Field("ExecutorId", "Lacks write permission on the customer."));
        }

        var activity = opportunity.PlanActivity(Guid.CreateVersion7(), command.Kind, command.Subject, command.ExecutorId, command.DueAt, time.GetUtcNow());
        ActivityAlertFlow.AssignInstance(activity);
        db.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        var alertInstanceId = await alerts.StartAsync(activity.Id, activity.Revision, cancellationToken);
        return Result<ActivityPlanned>.Ok(new ActivityPlanned(activity.Id, alertInstanceId));
    }
}
