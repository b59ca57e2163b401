using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Intents.ListIntents;

/// <summary>The intents on customers the caller may read, newest first; optionally one status.</summary>
public sealed record ListIntentsQuery(IntentStatus? Status = null) : IQuery<IReadOnlyList<IntentSummary>>;

public sealed record IntentSummary(
    Guid Id, Guid CustomerId, string CustomerCode, string CustomerName, CustomerKind CustomerKind, string Product, string? Source,
    string? Description, IntentStatus Status, DateTimeOffset CreatedAt, Guid? OpportunityId, int TouchCount);

internal sealed class ListIntentsHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<ListIntentsQuery, IReadOnlyList<IntentSummary>>
{
    public async ValueTask<IReadOnlyList<IntentSummary>> Handle(ListIntentsQuery query, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking().VisibleTo(user, Access.Read);
        var intents = db.Intents.AsNoTracking();
        if (query.Status is { } status)
        {
            intents = intents.Where(i => i.Status == status);
        }

        return await intents
            .Join(customers, i => i.CustomerId, c => c.Id, (i, c) => new { i, c })
            .OrderByDescending(x => x.i.CreatedAt)
            .Take(500)
            .Select(x => new IntentSummary(
                x.i.Id, x.c.Id, x.c.Code, x.c.Name, x.c.Kind, x.i.Product, x.i.Source, x.i.Description, x.i.Status, x.i.CreatedAt,
                x.i.OpportunityId, x.i.Touches.Count))
            .ToListAsync(cancellationToken);
    }
}
