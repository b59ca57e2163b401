using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.RemindSurveyRespondents;

/// <summary>
/// Records the reminder of an open campaign and reports whom it concerns: the employees asked (internal) who have not
/// answered yet. A closed or draft campaign is not reminded (empty list).
/// </summary>
public sealed record RemindSurveyRespondentsCommand(Guid Id) : ICommand<Result<SurveyReminder>>;

public sealed record SurveyReminder(bool Sent, IReadOnlyList<Guid> PendingParticipantIds);

internal sealed class RemindSurveyRespondentsHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<RemindSurveyRespondentsCommand, Result<SurveyReminder>>
{
    public async ValueTask<Result<SurveyReminder>> Handle(RemindSurveyRespondentsCommand command, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (campaign is null)
        {
            return Result<SurveyReminder>.NotFound();
        }

        if (campaign.Status != SurveyCampaignStatus.Open)
        {
            return Result<SurveyReminder>.Ok(new(false, []));
        }

        var answered = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id && r.RespondentKind == RespondentKind.Employee)
            .Select(r => r.RespondentId)
            .ToListAsync(cancellationToken);
        campaign.MarkReminded(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<SurveyReminder>.Ok(new(true, [.. campaign.ParticipantIds.Except(answered)]));
    }
}
