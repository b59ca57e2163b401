using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.GetSurveyResults;

/// <summary>
/// Per-question results of a campaign, optionally for one respondent segment (the respondent's customer's industry
/// and/or region). Aggregates only: no respondent is named.
/// </summary>
public sealed record GetSurveyResultsQuery(Guid CampaignId, string? Industry = null, string? Region = null) : IQuery<Result<SurveyResults>>;

/// <summary><c>Industries</c>: The industries present among the campaign's respondents (for the segment filter).</summary>
public sealed record SurveyResults(
    Guid CampaignId,
    string Name,
    SurveyCampaignStatus Status,
    string? Industry,
    string? Region,
    int ResponseCount,
    IReadOnlyList<QuestionResult> Questions,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Regions);

internal sealed class GetSurveyResultsValidator : AbstractValidator<GetSurveyResultsQuery>
{
    public GetSurveyResultsValidator()
    {
        RuleFor(q => q.Industry).MaximumLength(64);
        RuleFor(q => q.Region).MaximumLength(64);
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
                          select new { r.AnswersJson, Industry = c == null ? null : c.Industry, Region = c == null ? null : c.Region })
            .ToListAsync(cancellationToken);
        var selected = rows.Where(r => (industry is null || r.Industry == industry) && (region is null || r.Region == region)).ToList();
        var questions = Questionnaire.Deserialize<List<Question>>(campaign.Questions);
        var results = SurveyAnalysis.Analyze(
            questions, [.. selected.Select(r => (IReadOnlyDictionary<string, System.Text.Json.JsonElement>)Questionnaire.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(r.AnswersJson))]);
        return Result<SurveyResults>.Ok(new(
            campaign.Id, campaign.Name, campaign.Status, industry, region, selected.Count, results,
            [.. rows.Select(r => r.Industry).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. rows.Select(r => r.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
    }
}
