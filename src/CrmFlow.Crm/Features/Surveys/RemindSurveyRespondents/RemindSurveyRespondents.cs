using System.Globalization;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.RemindSurveyRespondents;

/// <summary>
/// Reminds the employees asked (internal) who have not answered an open campaign yet: each gets a notification
/// (kind <c>SurveyReminder</c>, linking to their inbox), and the reminder time is recorded. Notified once: a second
/// reminder (a replay of the flow step) records and notifies nothing more. A closed or draft campaign is not reminded
/// (empty list).
/// </summary>
public sealed record RemindSurveyRespondentsCommand(Guid Id) : ICommand<Result<SurveyReminder>>;

public sealed record SurveyReminder(bool Sent, IReadOnlyList<Guid> PendingParticipantIds);

internal sealed class RemindSurveyRespondentsHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<RemindSurveyRespondentsCommand, Result<SurveyReminder>>
{
    public const string SurveyReminderKind = "SurveyReminder";

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
        var now = time.GetUtcNow();
        var pending = campaign.ParticipantIds.Except(answered).ToList();
        if (campaign.MarkReminded(now))
        {
            var active = await db.Users.Where(u => pending.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
            foreach (var userId in pending.Where(active.Contains))
            {
                db.Notifications.Add(new Notification(Guid.CreateVersion7(now), userId, SurveyReminderKind,
                    $"Reminder: please answer the survey \"{campaign.Name}\" before {campaign.EndsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC (see your inbox).",
                    campaign.Id.ToString(), now, "/inbox"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result<SurveyReminder>.Ok(new(true, pending));
    }
}
