using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Ledger;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.ListNewAndLostCustomers;

/// <summary>
/// New and lost customers per rep (current owner) for the period [<paramref name="From"/>, <paramref name="To"/>] (inclusive days, UTC).
/// New: created, or assigned to the rep, in the period. Lost: had transactions (orders, deliveries, invoices or
/// receipts) in the previous period of equal length and none in this one. Only customers the caller may read count.
/// </summary>
public sealed record ListNewAndLostCustomersQuery(DateOnly From, DateOnly To, Guid? OwnerId = null)
    : IQuery<NewAndLostCustomersReport>;

public sealed record NewAndLostCustomersReport(
    DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo, IReadOnlyList<RepCustomerChanges> Reps);

public sealed record RepCustomerChanges(
    Guid OwnerId, string OwnerName, IReadOnlyList<CustomerRef> NewCustomers, IReadOnlyList<CustomerRef> LostCustomers);

public sealed record CustomerRef(Guid Id, string Code, string Name);

internal sealed class ListNewAndLostCustomersValidator : AbstractValidator<ListNewAndLostCustomersQuery>
{
    public ListNewAndLostCustomersValidator()
    {
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("'to' must not be before 'from'.");
        RuleFor(q => q).Must(q => q.To.DayNumber - q.From.DayNumber <= 3660)
            .WithName("to").WithMessage("The period may span at most ten years.");
    }
}

internal sealed class ListNewAndLostCustomersHandler(CrmDbContext db, ICurrentUser user)
    : IQueryHandler<ListNewAndLostCustomersQuery, NewAndLostCustomersReport>
{
    private static readonly LedgerKind[] Transactions = [LedgerKind.Order, LedgerKind.Delivery, LedgerKind.Invoice, LedgerKind.Receipt];

    public async ValueTask<NewAndLostCustomersReport> Handle(ListNewAndLostCustomersQuery query, CancellationToken cancellationToken)
    {
        var days = query.To.DayNumber - query.From.DayNumber + 1;
        var previousTo = query.From.AddDays(-1);
        var previousFrom = query.From.AddDays(-days);
        var start = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var owned = db.Customers.AsNoTracking().VisibleTo(user, Access.Read).Where(c => c.OwnerId != null);
        if (query.OwnerId is { } ownerId)
        {
            owned = owned.Where(c => c.OwnerId == ownerId);
        }

        var fresh = await owned
            .Where(c => (c.CreatedAt >= start && c.CreatedAt < end)
                || (c.OwnerAssignedAt != null && c.OwnerAssignedAt >= start && c.OwnerAssignedAt < end))
            .Select(c => new { OwnerId = c.OwnerId!.Value, Customer = new CustomerRef(c.Id, c.Code, c.Name) })
            .ToListAsync(cancellationToken);

        var transactions = db.LedgerEntries.Where(e => Transactions.Contains(e.Kind));
        var lost = await owned
            .Where(c => transactions.Any(e => e.CustomerId == c.Id && e.Date >= previousFrom && e.Date <= previousTo)
                && !transactions.Any(e => e.CustomerId == c.Id && e.Date >= query.From && e.Date <= query.To))
            .Select(c => new { OwnerId = c.OwnerId!.Value, Customer = new CustomerRef(c.Id, c.Code, c.Name) })
            .ToListAsync(cancellationToken);

        var ownerIds = fresh.Select(f => f.OwnerId).Concat(lost.Select(l => l.OwnerId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var reps = ownerIds
            .Select(id => new RepCustomerChanges(
                id,
                names.GetValueOrDefault(id, "?"),
                [.. fresh.Where(f => f.OwnerId == id).Select(f => f.Customer).OrderBy(c => c.Code, StringComparer.Ordinal)],
                [.. lost.Where(l => l.OwnerId == id).Select(l => l.Customer).OrderBy(c => c.Code, StringComparer.Ordinal)]))
            .OrderBy(r => r.OwnerName, StringComparer.Ordinal)
            .ToList();
        return new NewAndLostCustomersReport(query.From, query.To, previousFrom, previousTo, reps);
    }
}
