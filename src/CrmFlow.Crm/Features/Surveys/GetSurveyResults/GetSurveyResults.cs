using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.GetSurveyResults;

/// <summary>
/// Per-question results of a campaign, optionally for one respondent segment: the respondent's customer's industry,
/// region and/or value tier (its tier in the newest value-pyramid snapshot that includes it, any model). Aggregates
/// only: no respondent is named.
/// </summary>
public sealed record GetSurveyResultsQuery(Guid CampaignId, string? Industry = null, string? Region = null, string? Tier = null) : IQuery<Result<SurveyResults>>;

/// <summary><c>Industries</c>, <c>Regions</c>, <c>Tiers</c>: the values present among the campaign's respondents (for the segment filter).</summary>
public sealed record SurveyResults(
    Guid CampaignId,
    string Name,
    SurveyCampaignStatus Status,
    string? Industry,
    string? Region,
    int ResponseCount,
    IReadOnlyList<QuestionResult> Questions,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Regions,
    string? Tier = null,
    IReadOnlyList<string>? Tiers = null);

internal sealed class GetSurveyResultsValidator : AbstractValidator<GetSurveyResultsQuery>
{
    public GetSurveyResultsValidator()
    {
        RuleFor(q => q.Industry).MaximumLength(64);
        RuleFor(q => q.Region).MaximumLength(64);
        RuleFor(q => q.Tier).MaximumLength(64);
    }
}

internal sealed class GetSurveyResultsHandler(CrmDbContext db) : IQueryHandler<GetSurveyResultsQuery, Result<SurveyResults>>
{
    public async ValueTask<Result<SurveyResults>> Handle(GetSurveyResultsQuery query, CancellationToken cancellationToken)
    {
        var campaign = await db.SurveyCampaigns.AsNoTracking()
            .Where(c => c.Id == query.CampaignId)
            .Select(c => new { c.Id, c.Name, c.Status, Questions = db.QuestionnaireVersions.Where(v => v.Id == c.TemplateVersionId).Select(v => v.QuestionsJson).First() })
            .SingleOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return Result<SurveyResults>.NotFound();
        }

        var industry = string.IsNullOrWhiteSpace(query.Industry) ? null : query.Industry.Trim();
        var region = string.IsNullOrWhiteSpace(query.Region) ? null : query.Region.Trim();
        var rows = await (from r in db.SurveyResponses.AsNoTracking()
                          where r.CampaignId == campaign.Id
                          join c in db.Customers.AsNoTracking() on r.CustomerId equals c.Id into customers
                          from c in customers.DefaultIfEmpty()
                          select new { r.AnswersJson, r.CustomerId, Industry = c == null ? null : c.Industry, Region = c == null ? null : c.Region })
            .ToListAsync(cancellationToken);
        var tier = string.IsNullOrWhiteSpace(query.Tier) ? null : query.Tier.Trim();
        var tiers = await LatestTiersAsync([.. rows.Select(r => r.CustomerId).OfType<Guid>().Distinct()], cancellationToken);
        var selected = rows.Where(r => (industry is null || r.Industry == industry) && (region is null || r.Region == region)
            && (tier is null || (r.CustomerId is { } customerId && tiers.GetValueOrDefault(customerId) == tier))).ToList();
        var questions = Questionnaire.Deserialize<List<Question>>(campaign.Questions);
        var results = SurveyAnalysis.Analyze(
            questions, [.. selected.Select(r => (IReadOnlyDictionary<string, System.Text.Json.JsonElement>)Questionnaire.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(r.AnswersJson))]);
        return Result<SurveyResults>.Ok(new(
            campaign.Id, campaign.Name, campaign.Status, industry, region, selected.Count, results,
            [.. rows.Select(r => r.Industry).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. rows.Select(r => r.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            tier,
            [.. tiers.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
    }

    /// <summary>Each customer's tier in the newest value-pyramid snapshot that includes it (as the customer overview shows it).</summary>
    private async Task<Dictionary<Guid, string>> LatestTiersAsync(IReadOnlyList<Guid> customerIds, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }

        var entries = await db.PyramidSnapshotEntries.AsNoTracking()
            .Where(e => customerIds.Contains(e.CustomerId))
            .Join(db.PyramidSnapshots, e => e.SnapshotId, s => s.Id, (e, s) => new { e.CustomerId, e.Tier, s.PeriodTo, s.TakenAt })
            .ToListAsync(cancellationToken);
        return entries.GroupBy(e => e.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.PeriodTo).ThenByDescending(e => e.TakenAt).First().Tier);
    }
}
