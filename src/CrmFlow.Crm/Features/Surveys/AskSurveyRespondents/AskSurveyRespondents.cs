using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.AskSurveyRespondents;

/// <summary>
/// What the survey flow puts in the inboxes of an open internal campaign: the questionnaire as a task form and the
/// employees asked who have not answered yet. External, draft and closed campaigns ask nobody (empty list).
/// </summary>
public sealed record GetSurveyTasksQuery(Guid CampaignId) : IQuery<Result<SurveyTaskPlan>>;

public sealed record SurveyTaskPlan(Guid CampaignId, string Name, DateTimeOffset EndsAt, IReadOnlyList<UserTaskField> Form, IReadOnlyList<Guid> PendingRespondentIds)
{
    /// <summary>The task for one respondent.</summary>
    public UserTaskSpec SpecFor(Guid respondentId) => SurveyTasks.Spec(CampaignId, Name, EndsAt, Form, respondentId);
}

internal sealed class GetSurveyTasksHandler(CrmDbContext db) : IQueryHandler<GetSurveyTasksQuery, Result<SurveyTaskPlan>>
{
    public async ValueTask<Result<SurveyTaskPlan>> Handle(GetSurveyTasksQuery query, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.AsNoTracking()
            .Where(c => c.Id == query.CampaignId)
            .Select(c => new
            {
                c.Id, c.Name, c.EndsAt, c.Status, c.Audience, c.ParticipantIds,
                Questions = db.QuestionnaireVersions.Where(v => v.Id == c.TemplateVersionId).Select(v => v.QuestionsJson).First(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return Result<SurveyTaskPlan>.NotFound();
        }

        var form = SurveyTasks.Form(Questionnaire.Deserialize<List<Question>>(campaign.Questions));
        if (campaign.Status != SurveyCampaignStatus.Open || campaign.Audience != SurveyAudience.Internal)
        {
            return Result<SurveyTaskPlan>.Ok(new(campaign.Id, campaign.Name, campaign.EndsAt, form, []));
        }

        var answered = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id && r.RespondentKind == RespondentKind.Employee)
            .Select(r => r.RespondentId)
            .ToListAsync(cancellationToken);
        var active = await db.Users.AsNoTracking().Where(u => campaign.ParticipantIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
        return Result<SurveyTaskPlan>.Ok(new(
            campaign.Id, campaign.Name, campaign.EndsAt, form, [.. campaign.ParticipantIds.Where(active.Contains).Except(answered)]));
    }
}
