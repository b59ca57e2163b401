using CrmFlow.Crm.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.ListUsers;

public sealed record UserSummary(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Department,
    bool IsActive,
    IReadOnlyList<string> Roles);

internal sealed class ListUsersHandler(CrmDbContext db)
{
    public async Task<IReadOnlyList<UserSummary>> HandleAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Department = u.Department == null ? null : u.Department.Name,
                u.IsActive,
                Roles = u.Roles.Select(r => r.Role).ToList(),
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        return [.. users.Select(u => new UserSummary(
            u.Id, u.UserName, u.DisplayName, u.Department, u.IsActive, [.. u.Roles.Order(StringComparer.Ordinal)]))];
    }
}
