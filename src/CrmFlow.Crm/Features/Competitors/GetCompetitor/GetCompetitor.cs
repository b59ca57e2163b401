using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Competitors.GetCompetitor;

/// <summary>One competitor: profile, key people, assessments, the opportunities it took part in and its record.</summary>
public sealed record GetCompetitorQuery(Guid Id) : IQuery<Result<CompetitorDetails>>;

public sealed record CompetitorDetails(
    Guid Id,
    string Name,
    string? Website,
    string? Profile,
    string? Products,
    string? Strengths,
    string? Weaknesses,
    string? Strategy,
    string? MarketPerformance,
    IReadOnlyList<KeyPerson> KeyPeople,
    IReadOnlyList<DimensionAssessment> Assessments,
    IReadOnlyList<CompetitorOpportunityItem> Opportunities,
    CompetitorRecord Record,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);

public sealed record CompetitorOpportunityItem(
    Guid Id, string OpportunityReference, string? OpportunityName, decimal Amount, CompetitionOutcome Outcome, DateOnly? ClosedOn, string? Notes);

internal sealed class GetCompetitorHandler(CrmDbContext db) : IQueryHandler<GetCompetitorQuery, Result<CompetitorDetails>>
{
    public async ValueTask<Result<CompetitorDetails>> Handle(GetCompetitorQuery query, CancellationToken cancellationToken)
    {
        var c = await db.Competitors.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
        if (c is null)
        {
            return Result<CompetitorDetails>.NotFound();
        }

        var links = await db.CompetitorOpportunities.AsNoTracking()
            .Where(l => l.CompetitorId == c.Id)
            .OrderBy(l => l.OpportunityReference)
            .Select(l => new CompetitorOpportunityItem(l.Id, l.OpportunityReference, l.OpportunityName, l.Amount, l.Outcome, l.ClosedOn, l.Notes))
            .ToListAsync(cancellationToken);
        return Result<CompetitorDetails>.Ok(new(
            c.Id, c.Name, c.Website, c.Profile, c.Products, c.Strengths, c.Weaknesses, c.Strategy, c.MarketPerformance, c.KeyPeople, c.Assessments,
            links, CompetitorAnalysis.Record(links.Select(l => (l.Outcome, l.Amount))), c.CreatedAt, c.UpdatedAt));
    }
}
