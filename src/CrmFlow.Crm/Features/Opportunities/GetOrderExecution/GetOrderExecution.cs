using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.GetOrderExecution;

/// <summary>
/// Order execution of a won opportunity (商机订单执行情况): its orders, deliveries and invoices (sales system) and
/// cumulative receipts (AR system), from the ledger rows posted with this opportunity's id.
/// </summary>
public sealed record GetOrderExecutionQuery(Guid OpportunityId) : IQuery<Result<OrderExecution>>;

public sealed record OrderExecution(
    Guid OpportunityId, OpportunityStatus Status, IReadOnlyList<LedgerLine> Orders, IReadOnlyList<LedgerLine> Deliveries,
    IReadOnlyList<LedgerLine> Invoices, IReadOnlyList<LedgerLine> Receipts, decimal OrderedAmount, decimal DeliveredAmount,
    decimal InvoicedAmount, decimal CumulativeReceipts);

public sealed record LedgerLine(string ExternalId, DateOnly Date, decimal Amount, string Currency, string? Reference);

internal sealed class GetOrderExecutionHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetOrderExecutionQuery, Result<OrderExecution>>
{
    public async ValueTask<Result<OrderExecution>> Handle(GetOrderExecutionQuery query, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.AsNoTracking().VisibleTo(db, user, Access.Read)
            .Where(o => o.Id == query.OpportunityId).Select(o => new { o.Id, o.Status }).SingleOrDefaultAsync(cancellationToken);
        if (opportunity is null)
        {
            return Result<OrderExecution>.NotFound();
        }

        var rows = await db.LedgerEntries.AsNoTracking().Where(e => e.OpportunityId == opportunity.Id)
            .OrderBy(e => e.Date).ThenBy(e => e.ExternalId)
            .Select(e => new { e.Kind, Line = new LedgerLine(e.ExternalId, e.Date, e.Amount, e.Currency, e.Reference) })
            .ToListAsync(cancellationToken);
        List<LedgerLine> Of(LedgerKind kind) => [.. rows.Where(r => r.Kind == kind).Select(r => r.Line)];
        var orders = Of(LedgerKind.Order);
        var deliveries = Of(LedgerKind.Delivery);
        var invoices = Of(LedgerKind.Invoice);
        var receipts = Of(LedgerKind.Receipt);
        return Result<OrderExecution>.Ok(new OrderExecution(
            opportunity.Id, opportunity.Status, orders, deliveries, invoices, receipts,
            orders.Sum(l => l.Amount), deliveries.Sum(l => l.Amount), invoices.Sum(l => l.Amount), receipts.Sum(l => l.Amount)));
    }
}
