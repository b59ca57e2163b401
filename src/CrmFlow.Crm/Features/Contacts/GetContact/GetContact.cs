using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Contacts.GetContact;

public sealed record GetContactQuery(Guid Id) : IQuery<Result<ContactDetails>>;

public sealed record ContactDetails(
    Guid Id,
    Guid CustomerId,
    string CustomerCode,
    string CustomerName,
    string Name,
    string? Title,
    string? Phone,
    string? Email,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);

internal sealed class GetContactHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetContactQuery, Result<ContactDetails>>
{
    public async ValueTask<Result<ContactDetails>> Handle(GetContactQuery query, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking()
            .VisibleTo(db.Customers, user, Access.Read)
            .Where(ct => ct.Id == query.Id)
            .Join(db.Customers, ct => ct.CustomerId, c => c.Id, (ct, c) => new ContactDetails(
                ct.Id, c.Id, c.Code, c.Name, ct.Name, ct.Title, ct.Phone, ct.Email, ct.CreatedAt, ct.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return contact is null ? Result<ContactDetails>.NotFound() : Result<ContactDetails>.Ok(contact);
    }
}
