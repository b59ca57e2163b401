using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.OpportunityStageIs;
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

/// <summary>Active complaint reasons (value: the reason code, portable between databases).</summary>
internal sealed class ComplaintReasonInputOptions(CrmDbContext db) : IInputOptionsProvider
{
    public async ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken)
    {
        var reasons = await db.ComplaintReasons.AsNoTracking()
            .Where(r => r.IsActive)
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. reasons.Select(r => new InputOption($"{r.Name} ({r.Code})", r.Code))];
    }
}

/// <summary>Sales modes (value: the mode code).</summary>
internal sealed class SalesModeInputOptions(CrmDbContext db) : IInputOptionsProvider
{
    public async ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken)
    {
        var modes = await db.SalesModes.AsNoTracking()
            .OrderBy(m => m.Code)
            .Select(m => new { m.Code, m.Name })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. modes.Select(m => new InputOption($"{m.Name} ({m.Code})", m.Code))];
    }
}

/// <summary>Every sales mode's stages in funnel order (value: <c>{modeCode}/{stageName}</c>).</summary>
internal sealed class SalesStageInputOptions(CrmDbContext db) : IInputOptionsProvider
{
    public async ValueTask<IReadOnlyList<InputOption>> GetOptionsAsync(CancellationToken cancellationToken)
    {
        var stages = await (
                from stage in db.SalesStages.AsNoTracking()
                join mode in db.SalesModes.AsNoTracking() on stage.SalesModeId equals mode.Id
                orderby mode.Code, stage.Order
                select new { ModeCode = mode.Code, ModeName = mode.Name, stage.Name })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. stages.Select(s => new InputOption($"{s.ModeName} › {s.Name}", SalesStageValue.Of(s.ModeCode, s.Name)))];
    }
}
