using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Contacts.ListContacts;

/// <summary>
/// Contacts of the customers the caller may read: of one customer (404 when it is not readable) or, without
/// <paramref name="CustomerId"/>, a search over all of them by contact name, phone or e-mail.
/// </summary>
public sealed record ListContactsQuery(Guid? CustomerId = null, string? Search = null, int Page = 1, int PageSize = 20)
    : IQuery<Result<PagedList<ContactListItem>>>;

public sealed record ContactListItem(
    Guid Id, Guid CustomerId, string CustomerCode, string CustomerName, string Name, string? Title, string? Phone, string? Email);

internal sealed class ListContactsValidator : AbstractValidator<ListContactsQuery>
{
    public ListContactsValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.Search).MaximumLength(100);
    }
}

internal sealed class ListContactsHandler(CrmDbContext db, ICurrentUser user)
    : IQueryHandler<ListContactsQuery, Result<PagedList<ContactListItem>>>
{
    public async ValueTask<Result<PagedList<ContactListItem>>> Handle(ListContactsQuery query, CancellationToken cancellationToken)
    {
        if (query.CustomerId is { } customerId
            && !await db.Customers.VisibleTo(user, Access.Read).AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return Result<PagedList<ContactListItem>>.NotFound();
        }

        var contacts = db.Contacts.AsNoTracking().VisibleTo(db.Customers, user, Access.Read);
        if (query.CustomerId is { } id)
        {
            contacts = contacts.Where(ct => ct.CustomerId == id);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            contacts = contacts.Where(ct => ct.Name.ToLower().Contains(search)
                || (ct.Phone != null && ct.Phone.Contains(search))
                || (ct.Email != null && ct.Email.ToLower().Contains(search)));
        }

        var total = await contacts.CountAsync(cancellationToken);
        var items = await contacts
            .Join(db.Customers, ct => ct.CustomerId, c => c.Id, (ct, c) => new { ct, c })
            .OrderBy(x => x.c.Code).ThenBy(x => x.ct.Name).ThenBy(x => x.ct.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(x => new ContactListItem(
                x.ct.Id, x.c.Id, x.c.Code, x.c.Name, x.ct.Name, x.ct.Title, x.ct.Phone, x.ct.Email))
            .ToListAsync(cancellationToken);
        return Result<PagedList<ContactListItem>>.Ok(new PagedList<ContactListItem>(items, query.Page, query.PageSize, total));
    }
}
