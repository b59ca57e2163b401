using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.ListSnapshots;

/// <summary>The trend of one model: its snapshots oldest first, each with customer count and metric total per tier.</summary>
public sealed record ListPyramidSnapshotsQuery(Guid ModelId) : IQuery<Result<IReadOnlyList<PyramidSnapshotSummary>>>;

public sealed record PyramidSnapshotSummary(
    Guid Id, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset TakenAt, bool IsShortHistory, IReadOnlyList<PyramidSnapshotTier> Tiers);

public sealed record PyramidSnapshotTier(string Name, int CustomerCount, decimal MetricTotal);

internal sealed class ListPyramidSnapshotsHandler(CrmDbContext db)
    : IQueryHandler<ListPyramidSnapshotsQuery, Result<IReadOnlyList<PyramidSnapshotSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<PyramidSnapshotSummary>>> Handle(ListPyramidSnapshotsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.PyramidModels.AnyAsync(m => m.Id == query.ModelId, cancellationToken))
        {
            return Result<IReadOnlyList<PyramidSnapshotSummary>>.NotFound();
        }

        var snapshots = await db.PyramidSnapshots.AsNoTracking()
            .Where(s => s.ModelId == query.ModelId)
            .OrderBy(s => s.PeriodTo)
            .Select(s => new { s.Id, s.PeriodFrom, s.PeriodTo, s.TakenAt, s.IsShortHistory, s.TierOrder })
            .ToListAsync(cancellationToken);
        var counts = await db.PyramidSnapshotEntries.AsNoTracking()
            .Where(e => db.PyramidSnapshots.Any(s => s.Id == e.SnapshotId && s.ModelId == query.ModelId))
            .GroupBy(e => new { e.SnapshotId, e.Tier })
            .Select(g => new { g.Key.SnapshotId, g.Key.Tier, Count = g.Count(), Total = g.Sum(e => e.Value ?? 0m) })
            .ToListAsync(cancellationToken);
        var lookup = counts.ToDictionary(c => (c.SnapshotId, c.Tier));
        return Result<IReadOnlyList<PyramidSnapshotSummary>>.Ok([.. snapshots.Select(s => new PyramidSnapshotSummary(
            s.Id,
            s.PeriodFrom,
            s.PeriodTo,
            s.TakenAt,
            s.IsShortHistory,
            [.. s.TierOrder.Split('\n').Select(tier => lookup.TryGetValue((s.Id, tier), out var c)
                ? new PyramidSnapshotTier(tier, c.Count, c.Total)
                : new PyramidSnapshotTier(tier, 0, 0m))]))]);
    }
}
