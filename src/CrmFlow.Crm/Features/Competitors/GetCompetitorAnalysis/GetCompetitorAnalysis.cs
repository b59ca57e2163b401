using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Competitors.GetCompetitorAnalysis;

/// <summary>
/// Every competitor's record against us (opportunities, won / lost, win rate, amounts) and the strengths-and-gaps
/// matrix: per dimension, each competitor's score, ours, and the gap (ours − theirs; negative = they are stronger).
/// </summary>
public sealed record GetCompetitorAnalysisQuery : IQuery<CompetitorAnalysisReport>;

public sealed record CompetitorAnalysisReport(IReadOnlyList<CompetitorAnalysisRow> Competitors, IReadOnlyList<DimensionRow> Matrix);

public sealed record CompetitorAnalysisRow(Guid Id, string Name, CompetitorRecord Record);

public sealed record DimensionRow(string Dimension, IReadOnlyList<DimensionCell> Cells);

/// <summary><c>Gap</c>: Our score minus theirs: positive is our strength, negative our gap.</summary>
public sealed record DimensionCell(Guid CompetitorId, string CompetitorName, int TheirScore, int OurScore, int Gap, string? Note);

internal sealed class GetCompetitorAnalysisHandler(CrmDbContext db) : IQueryHandler<GetCompetitorAnalysisQuery, CompetitorAnalysisReport>
{
    public async ValueTask<CompetitorAnalysisReport> Handle(GetCompetitorAnalysisQuery query, CancellationToken cancellationToken)
    {
        var competitors = await db.Competitors.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.AssessmentsJson }).ToListAsync(cancellationToken);
        var links = (await db.CompetitorOpportunities.AsNoTracking()
                .Select(l => new { l.CompetitorId, l.Outcome, l.Amount }).ToListAsync(cancellationToken))
            .ToLookup(l => l.CompetitorId);
        var rows = competitors
            .Select(c => new CompetitorAnalysisRow(c.Id, c.Name, CompetitorAnalysis.Record(links[c.Id].Select(l => (l.Outcome, l.Amount)))))
            .ToList();
        var matrix = competitors
            .SelectMany(c => Questionnaire.Deserialize<List<DimensionAssessment>>(c.AssessmentsJson)
                .Select(a => (a.Dimension, Cell: new DimensionCell(c.Id, c.Name, a.TheirScore, a.OurScore, a.OurScore - a.TheirScore, a.Note))))
            .GroupBy(x => x.Dimension, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new DimensionRow(g.First().Dimension, [.. g.Select(x => x.Cell)]))
            .ToList();
        return new CompetitorAnalysisReport(rows, matrix);
    }
}
