using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Permissions.RevokeCustomerPermission;

/// <summary>Removes a user's rights on a customer; revoking what was never granted succeeds too.</summary>
public sealed record RevokeCustomerPermissionCommand(Guid CustomerId, Guid UserId) : ICommand<Result<Done>>;

internal sealed class RevokeCustomerPermissionHandler(CrmDbContext db, ICurrentUser user)
    : ICommandHandler<RevokeCustomerPermissionCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(RevokeCustomerPermissionCommand command, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.VisibleTo(user, Access.Read)
            .Include(c => c.Permissions)
            .SingleOrDefaultAsync(c => c.Id == command.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Result<Done>.NotFound();
        }

        if (customer.Revoke(command.UserId))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result<Done>.Ok(default);
    }
}
