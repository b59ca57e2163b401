using System.Security.Claims;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.GetCurrentUser;

/// <summary>Who the caller is: a user (with display name and department) or an API client.</summary>
public sealed record CurrentUserResponse(
    Guid Id,
    string UserName,
    string DisplayName,
    string Kind,
    string? Department,
    IReadOnlyList<string> Roles);

internal sealed class GetCurrentUserHandler(CrmDbContext db)
{
    public async Task<CurrentUserResponse?> HandleAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Guid.TryParse(principal.FindFirstValue(CrmClaimTypes.Subject), out var id))
        {
            return null;
        }

        var roles = principal.FindAll(CrmClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        if (principal.FindFirstValue(CrmClaimTypes.PrincipalKind) == CrmClaimTypes.ApiClientKind)
        {
            return await db.ApiClients.AsNoTracking()
                .Where(c => c.Id == id && c.RevokedAt == null)
                .Select(c => new CurrentUserResponse(c.Id, c.Name, c.Name, CrmClaimTypes.ApiClientKind, null, roles))
                .SingleOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        return await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.IsActive)
            .Select(u => new CurrentUserResponse(
                u.Id, u.UserName, u.DisplayName, CrmClaimTypes.UserKind, u.Department == null ? null : u.Department.Name, roles))
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
