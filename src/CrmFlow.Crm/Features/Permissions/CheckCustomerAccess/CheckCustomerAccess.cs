using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;

/// <summary>
/// Permission verification (权限校验): which of <paramref name="UserIds"/> lack <paramref name="Access"/> on the
/// customer, by the same rule as <see cref="CustomerAccess"/> (administrators have every right; unknown or
/// inactive users lack all). It reports; it never grants.
/// </summary>
public sealed record CheckCustomerAccessQuery(Guid CustomerId, IReadOnlyList<Guid> UserIds, Access Access = Access.Read)
    : IQuery<AccessReport>;

public sealed record AccessReport(IReadOnlyList<Guid> UsersWithoutAccess);

internal sealed class CheckCustomerAccessValidator : AbstractValidator<CheckCustomerAccessQuery>
{
    public CheckCustomerAccessValidator()
    {
        RuleFor(q => q.UserIds).NotEmpty().Must(ids => ids is null || ids.Count <= 200).WithMessage("At most 200 users.");
        RuleFor(q => q.Access).IsInEnum();
    }
}

internal sealed class CheckCustomerAccessHandler(CrmDbContext db) : IQueryHandler<CheckCustomerAccessQuery, AccessReport>
{
    public async ValueTask<AccessReport> Handle(CheckCustomerAccessQuery query, CancellationToken cancellationToken)
    {
        var ids = query.UserIds.Distinct().ToList();
        var active = db.Users.Where(u => u.IsActive && ids.Contains(u.Id));
        var administrators = await active
            .Where(u => u.Roles.Any(r => r.Role == CrmRoles.Administrator))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var granted = await db.CustomerPermissions.AsNoTracking()
            .UsersWithAccess(query.CustomerId, ids, query.Access)
            .Where(id => active.Any(u => u.Id == id))
            .ToListAsync(cancellationToken);
        return new AccessReport([.. ids.Except(administrators).Except(granted)]); // reports, never grants
    }
}
