using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Competitors.ListCompetitors;

/// <summary>Competitors by name; <paramref name="Search"/> matches the name.</summary>
public sealed record ListCompetitorsQuery(string? Search = null) : IQuery<IReadOnlyList<CompetitorListItem>>;

public sealed record CompetitorListItem(Guid Id, string Name, string? Website, string? Strengths, int Opportunities);

internal sealed class ListCompetitorsHandler(CrmDbContext db) : IQueryHandler<ListCompetitorsQuery, IReadOnlyList<CompetitorListItem>>
{
    public async ValueTask<IReadOnlyList<CompetitorListItem>> Handle(ListCompetitorsQuery query, CancellationToken cancellationToken)
    {
        var competitors = db.Competitors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            competitors = competitors.Where(c => c.Name.ToLower().Contains(search));
        }

        return await competitors.OrderBy(c => c.Name)
            .Select(c => new CompetitorListItem(c.Id, c.Name, c.Website, c.Strengths, db.CompetitorOpportunities.Count(l => l.CompetitorId == c.Id)))
            .ToListAsync(cancellationToken);
    }
}
