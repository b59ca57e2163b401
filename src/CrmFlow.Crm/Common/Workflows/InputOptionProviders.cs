using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Common.Workflows;

/// <summary>Active CrmFlow users for activity inputs that name a user (value: the user id, as tasks and flows store it).</summary>
internal sealed class UserInputOptions(CrmDbContext db) : IUserOptionsProvider
{
    public async ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive)
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. users.Select(u => new InputOption($"{u.DisplayName} ({u.UserName})", u.Id.ToString()))];
    }
}

/// <summary>Dropdown of CrmFlow's roles (DOMAIN.md §5) for activity inputs that name a role.</summary>
internal sealed class RoleInputOptions : IRoleOptionsProvider
{
    public ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<InputOption>>([.. CrmRoles.All.Select(r => new InputOption(r, r))]);
}
