using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.GetCustomerTierHistory;

/// <summary>One customer's tier in every stored snapshot, per model, oldest first (empty when there are none).</summary>
public sealed record GetCustomerTierHistoryQuery(Guid CustomerId) : IQuery<IReadOnlyList<CustomerTierHistory>>;

public sealed record CustomerTierHistory(Guid ModelId, string ModelName, IReadOnlyList<CustomerTierPoint> Points);

public sealed record CustomerTierPoint(DateOnly PeriodFrom, DateOnly PeriodTo, string Tier, decimal? Value, int? Rank);

internal sealed class GetCustomerTierHistoryHandler(CrmDbContext db)
    : IQueryHandler<GetCustomerTierHistoryQuery, IReadOnlyList<CustomerTierHistory>>
{
    public async ValueTask<IReadOnlyList<CustomerTierHistory>> Handle(GetCustomerTierHistoryQuery query, CancellationToken cancellationToken)
    {
        var rows = await (
                from e in db.PyramidSnapshotEntries.AsNoTracking()
                join s in db.PyramidSnapshots on e.SnapshotId equals s.Id
                join m in db.PyramidModels on s.ModelId equals m.Id
                where e.CustomerId == query.CustomerId
                select new { s.ModelId, m.Name, s.PeriodFrom, s.PeriodTo, e.Tier, e.Value, e.Rank })
            .ToListAsync(cancellationToken);
        return [.. rows
            .GroupBy(r => (r.ModelId, r.Name))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new CustomerTierHistory(
                g.Key.ModelId,
                g.Key.Name,
                [.. g.OrderBy(r => r.PeriodTo).Select(r => new CustomerTierPoint(r.PeriodFrom, r.PeriodTo, r.Tier, r.Value, r.Rank))]))];
    }
}
