using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.ListOpportunities;

/// <summary>Opportunities on customers the caller may read; optionally one sales mode, status or owner.</summary>
public sealed record ListOpportunitiesQuery(Guid? SalesModeId = null, OpportunityStatus? Status = null, Guid? OwnerId = null)
    : IQuery<IReadOnlyList<OpportunitySummary>>;

public sealed record OpportunitySummary(
    Guid Id, string Name, Guid CustomerId, string CustomerName, Guid SalesModeId, Guid StageId, string StageName, int StageOrder,
    Guid OwnerId, decimal ExpectedAmount, DateOnly ExpectedCloseDate, OpportunityStatus Status);

internal sealed class ListOpportunitiesHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<ListOpportunitiesQuery, IReadOnlyList<OpportunitySummary>>
{
    public async ValueTask<IReadOnlyList<OpportunitySummary>> Handle(ListOpportunitiesQuery query, CancellationToken cancellationToken)
    {
        var opportunities = db.Opportunities.AsNoTracking().VisibleTo(db, user, Access.Read);
        if (query.SalesModeId is { } mode)
        {
            opportunities = opportunities.Where(o => o.SalesModeId == mode);
        }

        if (query.Status is { } status)
        {
            opportunities = opportunities.Where(o => o.Status == status);
        }

        if (query.OwnerId is { } owner)
        {
            opportunities = opportunities.Where(o => o.OwnerId == owner);
        }

        return await opportunities
            .Join(db.SalesStages, o => o.StageId, s => s.Id, (o, s) => new { o, s })
            .Join(db.Customers, x => x.o.CustomerId, c => c.Id, (x, c) => new { x.o, x.s, c })
            .OrderBy(x => x.o.ExpectedCloseDate).ThenBy(x => x.o.Name)
            .Take(500)
            .Select(x => new OpportunitySummary(
                x.o.Id, x.o.Name, x.c.Id, x.c.Name, x.o.SalesModeId, x.s.Id, x.s.Name, x.s.Order, x.o.OwnerId, x.o.ExpectedAmount,
                x.o.ExpectedCloseDate, x.o.Status))
            .ToListAsync(cancellationToken);
    }
}
