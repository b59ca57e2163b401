using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.ListSurveyCampaigns;

/// <summary>Campaigns, newest start first, optionally of one status.</summary>
public sealed record ListSurveyCampaignsQuery(SurveyCampaignStatus? Status = null) : IQuery<IReadOnlyList<SurveyCampaignListItem>>;

public sealed record SurveyCampaignListItem(
    Guid Id, string Name, string TemplateName, int TemplateVersion, SurveyAudience Audience, SurveyCampaignStatus Status,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? OwnerName, int ResponseCount);

internal sealed class ListSurveyCampaignsHandler(CrmDbContext db) : IQueryHandler<ListSurveyCampaignsQuery, IReadOnlyList<SurveyCampaignListItem>>
{
    public async ValueTask<IReadOnlyList<SurveyCampaignListItem>> Handle(ListSurveyCampaignsQuery query, CancellationToken cancellationToken) =>
        await db.SurveyCampaigns.AsNoTracking()
            .Where(c => query.Status == null || c.Status == query.Status)
            .OrderByDescending(c => c.StartsAt)
            .Select(c => new SurveyCampaignListItem(
                c.Id,
                c.Name,
                db.QuestionnaireTemplates.Where(t => t.Id == c.TemplateId).Select(t => t.Name).First(),
                db.QuestionnaireVersions.Where(v => v.Id == c.TemplateVersionId).Select(v => v.Number).First(),
                c.Audience,
                c.Status,
                c.StartsAt,
                c.EndsAt,
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.SurveyResponses.Count(r => r.CampaignId == c.Id)))
            .ToListAsync(cancellationToken);
}
