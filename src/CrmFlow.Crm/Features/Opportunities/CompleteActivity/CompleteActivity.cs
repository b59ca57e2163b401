using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.ActivityAlerts;
using CrmFlow.Crm.Features.Opportunities.AddQuote;
using CrmFlow.Crm.Features.Opportunities.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.CompleteActivity;

/// <summary>
/// Marks a planned activity done with its result (idempotent: the first completion time stays) and cancels its pending
/// due / overdue alerts. A cancelled activity is refused with <c>opportunity.activity_cancelled</c>.
/// </summary>
public sealed record CompleteActivityCommand(Guid OpportunityId, Guid ActivityId, string? Result) : ICommand<Result<Done>>;

internal sealed class CompleteActivityValidator : AbstractValidator<CompleteActivityCommand>
{
    public CompleteActivityValidator() => RuleFor(c => c.Result).MaximumLength(2000);
}

internal sealed class CompleteActivityHandler(CrmDbContext db, ICurrentUser user, TimeProvider time, ActivityAlertFlow alerts) : ICommandHandler<CompleteActivityCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(CompleteActivityCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).Include(o => o.Activities)
            .SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        var activity = opportunity?.Activities.FirstOrDefault(a => a.Id == command.ActivityId);
        if (activity is null)
        {
            return Result<Done>.NotFound();
        }

        if (activity.Status == OpportunityActivityStatus.Cancelled)
        {
            return Result<Done>.Refused(OpportunityRefusals.ActivityCancelled, "The activity was cancelled; it cannot be done.");
        }

        activity.Complete(command.Result, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await alerts.CancelAsync(ActivityAlertFlow.CurrentInstanceOf(activity), cancellationToken);
        return Result<Done>.Ok(default);
    }
}
