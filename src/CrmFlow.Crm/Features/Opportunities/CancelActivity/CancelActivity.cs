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

namespace CrmFlow.Crm.Features.Opportunities.CancelActivity;

/// <summary>
/// Cancels a planned activity with its reason and cancels its pending alerts (idempotent: cancelling a cancelled
/// activity keeps the first time and reason). A done activity is refused with <c>opportunity.activity_done</c>, an
/// activity of a closed opportunity with <c>opportunity.closed</c>.
/// </summary>
public sealed record CancelActivityCommand(Guid OpportunityId, Guid ActivityId, string Reason) : ICommand<Result<Done>>;

internal sealed class CancelActivityValidator : AbstractValidator<CancelActivityCommand>
{
    public CancelActivityValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
}

internal sealed class CancelActivityHandler(CrmDbContext db, ICurrentUser user, TimeProvider time, ActivityAlertFlow alerts)
    : ICommandHandler<CancelActivityCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(CancelActivityCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).Include(o => o.Activities)
            .SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        var activity = opportunity?.Activities.FirstOrDefault(a => a.Id == command.ActivityId);
        if (opportunity is null || activity is null)
        {
            return Result<Done>.NotFound();
        }

        if (activity.Status == OpportunityActivityStatus.Cancelled)
        {
            return Result<Done>.Ok(default);
        }

        if (ActivityRefusal.Of(activity) is { } refused)
        {
            return refused;
        }

        if (!opportunity.IsOpen)
        {
            return Result<Done>.Refused(OpportunityRefusals.Closed, "The opportunity is closed.");
        }

        activity.Cancel(command.Reason, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await alerts.CancelAsync(ActivityAlertFlow.CurrentInstanceOf(activity), cancellationToken);
        return Result<Done>.Ok(default);
    }
}
