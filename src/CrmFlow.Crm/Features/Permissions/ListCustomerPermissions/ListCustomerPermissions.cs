using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Permissions.ListCustomerPermissions;

public sealed record ListCustomerPermissionsQuery(Guid CustomerId) : IQuery<Result<IReadOnlyList<CustomerGrant>>>;

public sealed record CustomerGrant(
    Guid UserId, string UserName, string DisplayName, bool CanRead, bool CanWrite, DateTimeOffset GrantedAt, Guid GrantedById);

internal sealed class ListCustomerPermissionsHandler(CrmDbContext db, ICurrentUser user)
    : IQueryHandler<ListCustomerPermissionsQuery, Result<IReadOnlyList<CustomerGrant>>>
{
    public async ValueTask<Result<IReadOnlyList<CustomerGrant>>> Handle(ListCustomerPermissionsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Customers.VisibleTo(user, Access.Read).AnyAsync(c => c.Id == query.CustomerId, cancellationToken))
        {
            return Result<IReadOnlyList<CustomerGrant>>.NotFound();
        }

        var grants = await db.CustomerPermissions.AsNoTracking()
            .Where(p => p.CustomerId == query.CustomerId)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p, u })
            .OrderBy(x => x.u.UserName)
            .Select(x => new CustomerGrant(
                x.u.Id, x.u.UserName, x.u.DisplayName, x.p.CanRead, x.p.CanWrite, x.p.GrantedAt, x.p.GrantedById))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<CustomerGrant>>.Ok(grants);
    }
}
