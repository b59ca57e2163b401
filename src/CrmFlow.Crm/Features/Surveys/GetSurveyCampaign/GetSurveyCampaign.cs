using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.GetSurveyCampaign;

/// <summary>One campaign with the questions of its template version (the response form).</summary>
public sealed record GetSurveyCampaignQuery(Guid Id) : IQuery<Result<SurveyCampaignDetails>>;

public sealed record SurveyCampaignDetails(
    Guid Id,
    string Name,
    Guid TemplateId,
    string TemplateName,
    Guid TemplateVersionId,
    int TemplateVersion,
    SurveyAudience Audience,
    SurveyCampaignStatus Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? ReminderAt,
    Guid OwnerId,
    string? OwnerName,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? ClosedAt,
    string? WorkflowInstanceId,
    int ResponseCount,
    IReadOnlyList<Question> Questions);

internal sealed class GetSurveyCampaignHandler(CrmDbContext db) : IQueryHandler<GetSurveyCampaignQuery, Result<SurveyCampaignDetails>>
{
    public async ValueTask<Result<SurveyCampaignDetails>> Handle(GetSurveyCampaignQuery query, CancellationToken cancellationToken)
    {
        var row = await db.SurveyCampaigns.AsNoTracking()
            .Where(c => c.Id == query.Id)
            .Select(c => new
            {
                Campaign = c,
                TemplateName = db.QuestionnaireTemplates.Where(t => t.Id == c.TemplateId).Select(t => t.Name).First(),
                Version = db.QuestionnaireVersions.Where(v => v.Id == c.TemplateVersionId).Select(v => new { v.Number, v.QuestionsJson }).First(),
                OwnerName = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                Responses = db.SurveyResponses.Count(r => r.CampaignId == c.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Result<SurveyCampaignDetails>.NotFound();
        }

        var c = row.Campaign;
        return Result<SurveyCampaignDetails>.Ok(new(
            c.Id, c.Name, c.TemplateId, row.TemplateName, c.TemplateVersionId, row.Version.Number, c.Audience, c.Status, c.StartsAt, c.EndsAt,
            c.ReminderAt, c.OwnerId, row.OwnerName, c.ParticipantIds, c.OpenedAt, c.RemindedAt, c.ClosedAt, c.WorkflowInstanceId,
            row.Responses, Questionnaire.Deserialize<List<Question>>(row.Version.QuestionsJson)));
    }
}
