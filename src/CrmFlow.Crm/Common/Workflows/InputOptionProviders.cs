using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Common.Workflows;

/// <summary>Dropdown of active CrmFlow users for activity inputs that name a user (value: the user name).</summary>
internal sealed class UserInputOptions(CrmDbContext db) : IInputOptionsProvider
{
    public async ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.IsActive)
            .OrderBy(u => u.UserName)
            .Select(u => new InputOption(u.DisplayName + " (" + u.UserName + ")", u.UserName))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
}

/// <summary>Dropdown of CrmFlow's roles (DOMAIN.md §5) for activity inputs that name a role.</summary>
internal sealed class RoleInputOptions : IInputOptionsProvider
{
    public ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<InputOption>>([.. CrmRoles.All.Select(r => new InputOption(r, r))]);
}
