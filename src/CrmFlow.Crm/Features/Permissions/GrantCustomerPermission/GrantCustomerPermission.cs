using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Permissions.GrantCustomerPermission;

/// <summary>
/// Grants a user read, or read and write, on a customer (replacing any earlier grant). Write implies read;
/// granting neither is refused (revoke instead).
/// </summary>
public sealed record GrantCustomerPermissionCommand(Guid CustomerId, Guid UserId, Access Access) : ICommand<Result<Done>>;

public static class PermissionRefusals
{
    public const string UnknownUser = "permission.unknown_user";
    public const string GrantorNotAUser = "permission.grantor_not_a_user";
}

internal sealed class GrantCustomerPermissionValidator : AbstractValidator<GrantCustomerPermissionCommand>
{
    public GrantCustomerPermissionValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Access).IsInEnum();
    }
}

internal sealed class GrantCustomerPermissionHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<GrantCustomerPermissionCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(GrantCustomerPermissionCommand command, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.VisibleTo(user, Access.Read)
            .Include(c => c.Permissions)
            .SingleOrDefaultAsync(c => c.Id == command.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Result<Done>.NotFound();
        }

        if (user.Id is not { } grantorId)
        {
            return Result<Done>.Refused(PermissionRefusals.GrantorNotAUser, "Only a signed-in user can grant.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == command.UserId && u.IsActive, cancellationToken))
        {
            return Result<Done>.Refused(PermissionRefusals.UnknownUser, "The grantee is not an active user.");
        }

        customer.Grant(command.UserId, canRead: true, canWrite: command.Access == Access.Write, grantorId, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}
