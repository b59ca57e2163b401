using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.GetCustomerOverview;

/// <summary>
/// The customer 360 view (客户全貌) for a date range, default the current calendar year (UTC). Only for callers who may
/// read the customer (404 otherwise); the financial tabs only for the <see cref="Policies.Financials"/> roles.
/// Tabs whose feature does not exist yet (intents, opportunities, activities, complaints, value tier) are empty.
/// </summary>
public sealed record GetCustomerOverviewQuery(Guid CustomerId, DateOnly? From = null, DateOnly? To = null)
    : IQuery<Result<CustomerOverview>>;

public sealed record CustomerOverview(
    OverviewCustomer Customer,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<OverviewContact> Contacts,
    IReadOnlyList<OverviewItem> Intents,
    IReadOnlyList<OverviewItem> Opportunities,
    IReadOnlyList<OverviewItem> Activities,
    IReadOnlyList<OverviewItem> Complaints,
    string? ValueTier,
    bool FinancialsVisible,
    OverviewFinancials? Financials);

public sealed record OverviewCustomer(Guid Id, string Code, string Name, CustomerKind Kind, Guid? OwnerId, string? OwnerName);

public sealed record OverviewContact(Guid Id, string Name, string? Title, string? Phone, string? Email);

/// <summary>A row of a CRM tab (intent, opportunity, activity, complaint).</summary>
public sealed record OverviewItem(Guid Id, string Title, string Status, DateTimeOffset At);

public sealed record OverviewFinancials(
    LedgerTab Orders, LedgerTab Deliveries, LedgerTab Invoices, LedgerTab Receivables, LedgerTab Receipts);

public sealed record LedgerTab(IReadOnlyList<LedgerLine> Lines, decimal Total);

public sealed record LedgerLine(
    string ExternalId, DateOnly Date, decimal Amount, string Currency, string? Reference, Guid? OpportunityId);

internal sealed class GetCustomerOverviewValidator : AbstractValidator<GetCustomerOverviewQuery>
{
    public GetCustomerOverviewValidator() =>
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From!.Value)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage("'to' must not be before 'from'.");
}

internal sealed class GetCustomerOverviewHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : IQueryHandler<GetCustomerOverviewQuery, Result<CustomerOverview>>
{
    private static readonly LedgerKind[] Tabs =
        [LedgerKind.Order, LedgerKind.Delivery, LedgerKind.Invoice, LedgerKind.Receivable, LedgerKind.Receipt];

    public async ValueTask<Result<CustomerOverview>> Handle(GetCustomerOverviewQuery query, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking()
            .VisibleTo(user, Access.Read)
            .Where(c => c.Id == query.CustomerId)
            .Select(c => new OverviewCustomer(
                c.Id, c.Code, c.Name, c.Kind, c.OwnerId,
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return Result<CustomerOverview>.NotFound();
        }

        var year = time.GetUtcNow().Year;
        var from = query.From ?? new DateOnly(query.To?.Year ?? year, 1, 1);
        var to = query.To ?? new DateOnly(query.From?.Year ?? year, 12, 31);
        if (to < from)
        {
            to = from;
        }

        // Contacts follow the customer's permission: the customer is readable here, so are its contacts.
        var contacts = await db.Contacts.AsNoTracking()
            .Where(ct => ct.CustomerId == customer.Id)
            .OrderBy(ct => ct.Name)
            .Select(ct => new OverviewContact(ct.Id, ct.Name, ct.Title, ct.Phone, ct.Email))
            .ToListAsync(cancellationToken);

        var financialsVisible = user.Satisfies(Policies.Financials);
        OverviewFinancials? financials = null;
        if (financialsVisible)
        {
            var lines = await db.LedgerEntries.AsNoTracking()
                .Where(e => e.CustomerId == customer.Id && Tabs.Contains(e.Kind) && e.Date >= from && e.Date <= to)
                .OrderBy(e => e.Date).ThenBy(e => e.ExternalId)
                .Select(e => new { e.Kind, Line = new LedgerLine(e.ExternalId, e.Date, e.Amount, e.Currency, e.Reference, e.OpportunityId) })
                .ToListAsync(cancellationToken);
            LedgerTab Tab(LedgerKind kind)
            {
                var tab = lines.Where(l => l.Kind == kind).Select(l => l.Line).ToList();
                return new LedgerTab(tab, tab.Sum(l => l.Amount));
            }

            financials = new OverviewFinancials(
                Tab(LedgerKind.Order), Tab(LedgerKind.Delivery), Tab(LedgerKind.Invoice), Tab(LedgerKind.Receivable), Tab(LedgerKind.Receipt));
        }

        var (intents, opportunities, activities, complaints) = await CrmTabsAsync(customer.Id, from, to, cancellationToken);
        var valueTier = await LatestTierAsync(customer.Id, cancellationToken);
        return Result<CustomerOverview>.Ok(new CustomerOverview(
            customer, from, to, contacts, intents, opportunities, activities, complaints, valueTier, financialsVisible, financials));
    }

    /// <summary>
    /// The CRM tabs for the range: intents raised, opportunities open now or created in it, opportunity activities due
    /// in it, complaints received in it. The customer is readable here, so everything about it is.
    /// </summary>
    private async Task<(List<OverviewItem>, List<OverviewItem>, List<OverviewItem>, List<OverviewItem>)> CrmTabsAsync(
        Guid customerId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var intents = (await db.Intents.AsNoTracking()
                .Where(i => i.CustomerId == customerId && i.CreatedAt >= start && i.CreatedAt < end)
                .Select(i => new { i.Id, i.Product, i.Status, i.CreatedAt })
                .ToListAsync(cancellationToken))
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new OverviewItem(i.Id, i.Product, i.Status.ToString(), i.CreatedAt))
            .ToList();

        var opportunities = (await db.Opportunities.AsNoTracking()
                .Where(o => o.CustomerId == customerId && (o.Status == OpportunityStatus.Open || (o.CreatedAt >= start && o.CreatedAt < end)))
                .Select(o => new { o.Id, o.Name, o.Status, o.CreatedAt })
                .ToListAsync(cancellationToken))
            .OrderByDescending(o => o.CreatedAt)
            .Select(o => new OverviewItem(o.Id, o.Name, o.Status.ToString(), o.CreatedAt))
            .ToList();

        var activities = (await db.Opportunities.AsNoTracking()
                .Where(o => o.CustomerId == customerId)
                .SelectMany(o => o.Activities)
                .Where(a => a.DueAt >= start && a.DueAt < end)
                .Select(a => new { a.Id, a.Subject, Done = a.DoneAt != null, Cancelled = a.CancelledAt != null, a.DueAt })
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.DueAt)
            .Select(a => new OverviewItem(a.Id, a.Subject, a.Done ? "Done" : a.Cancelled ? "Cancelled" : "Planned", a.DueAt))
            .ToList();

        var complaints = (await db.Complaints.AsNoTracking()
                .Where(c => c.CustomerId == customerId && c.ReceivedAt >= start && c.ReceivedAt < end)
                .Select(c => new
                {
                    c.Id,
                    Reason = db.ComplaintReasons.Where(r => r.Id == c.ReasonId).Select(r => r.Name).FirstOrDefault(),
                    c.TargetName,
                    c.Status,
                    c.ReceivedAt,
                })
                .ToListAsync(cancellationToken))
            .OrderByDescending(c => c.ReceivedAt)
            .Select(c => new OverviewItem(c.Id, $"{c.Reason} · {c.TargetName}", c.Status.ToString(), c.ReceivedAt))
            .ToList();

        return (intents, opportunities, activities, complaints);
    }

    /// <summary>The customer's tier in the newest value-pyramid snapshot that includes it, with the model's name.</summary>
    private async Task<string?> LatestTierAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var latest = await db.PyramidSnapshotEntries.AsNoTracking()
            .Where(e => e.CustomerId == customerId)
            .Join(db.PyramidSnapshots, e => e.SnapshotId, s => s.Id, (e, s) => new { e.Tier, s.PeriodTo, s.ModelId })
            .OrderByDescending(x => x.PeriodTo)
            .Select(x => new { x.Tier, Model = db.PyramidModels.Where(m => m.Id == x.ModelId).Select(m => m.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : $"{latest.Tier} · {latest.Model}";
    }
}
