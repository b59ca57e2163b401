using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.GetCustomer;

/// <summary>One customer by id; <paramref name="Kind"/>, when given, restricts it to formal customers or prospects.</summary>
public sealed record GetCustomerQuery(Guid Id, CustomerKind? Kind = null) : IQuery<Result<CustomerDetails>>;

/// <summary>One customer; <paramref name="CanWrite"/> tells the caller whether edits will be accepted.</summary>
public sealed record CustomerDetails(
    Guid Id,
    string Code,
    string Name,
    CustomerKind Kind,
    string? Industry,
    string? Region,
    Guid? OwnerId,
    string? OwnerName,
    DateTimeOffset? OwnerAssignedAt,
    Guid CreatedById,
    string? CreatedByName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    int ContactCount,
    bool CanWrite);

internal sealed class GetCustomerHandler(CrmDbContext db, ICurrentUser user) : IQueryHandler<GetCustomerQuery, Result<CustomerDetails>>
{
    public async ValueTask<Result<CustomerDetails>> Handle(GetCustomerQuery query, CancellationToken cancellationToken)
    {
        var writable = db.Customers.VisibleTo(user, Access.Write).Select(c => c.Id);
        var details = await db.Customers.AsNoTracking()
            .VisibleTo(user, Access.Read)
            .Where(c => c.Id == query.Id && (query.Kind == null || c.Kind == query.Kind))
            .Select(c => new CustomerDetails(
                c.Id,
                c.Code,
                c.Name,
                c.Kind,
                c.Industry,
                c.Region,
                c.OwnerId,
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.OwnerAssignedAt,
                c.CreatedById,
                db.Users.Where(u => u.Id == c.CreatedById).Select(u => u.DisplayName).FirstOrDefault(),
                c.CreatedAt,
                c.UpdatedAt,
                db.Contacts.Count(ct => ct.CustomerId == c.Id),
                writable.Contains(c.Id)))
            .SingleOrDefaultAsync(cancellationToken);
        return details is null ? Result<CustomerDetails>.NotFound() : Result<CustomerDetails>.Ok(details);
    }
}
