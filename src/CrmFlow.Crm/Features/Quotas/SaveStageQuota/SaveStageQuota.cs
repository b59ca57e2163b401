using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Quotas.ComputeStageQuotas;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Quotas.SaveStageQuota;

/// <summary>Computes and saves the quota of an object (company, department or person) for a sales mode and month, replacing an earlier one.</summary>
public sealed record SaveStageQuotaCommand(QuotaScope Scope, Guid? ScopeId, DateOnly Month, ComputeStageQuotasQuery Calculation)
    : ICommand<Result<SavedQuota>>;

public sealed record SavedQuota(Guid Id, QuotaScope Scope, Guid? ScopeId, DateOnly Month, QuotaCalculation Calculation);

internal sealed class SaveStageQuotaValidator : AbstractValidator<SaveStageQuotaCommand>
{
    public SaveStageQuotaValidator()
    {
        RuleFor(c => c.Scope).IsInEnum();
        RuleFor(c => c.ScopeId).NotEmpty().When(c => c.Scope != QuotaScope.Company).WithMessage("A department or person quota names its object.");
        RuleFor(c => c.Month).NotEmpty();
        RuleFor(c => c.Calculation).NotNull().SetValidator(new ComputeStageQuotasValidator());
    }
}

internal sealed class SaveStageQuotaHandler(CrmDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<SaveStageQuotaCommand, Result<SavedQuota>>
{
    public async ValueTask<Result<SavedQuota>> Handle(SaveStageQuotaCommand command, CancellationToken cancellationToken)
    {
        var exists = command.Scope switch
        {
            QuotaScope.Department => await db.Departments.AnyAsync(d => d.Id == command.ScopeId, cancellationToken),
            QuotaScope.Person => await db.Users.AnyAsync(u => u.Id == command.ScopeId, cancellationToken),
            _ => true,
        };
        if (!exists)
        {
            return Result<SavedQuota>.Refused("quota.unknown_object", "No such department or person.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["ScopeId"] = ["Unknown department or person."] });
        }

        var computed = await QuotaComputation.ComputeAsync(db, command.Calculation, cancellationToken);
        if (!computed.IsOk)
        {
            return computed.Cast<SavedQuota>();
        }

        var plan = computed.Value!;
        var month = new DateOnly(command.Month.Year, command.Month.Month, 1);
        var scopeId = command.Scope == QuotaScope.Company ? null : command.ScopeId;
        var now = time.GetUtcNow();
        var by = user.Id ?? Guid.Empty;
        var quota = await db.SalesQuotas.Include(q => q.Stages).SingleOrDefaultAsync(
            q => q.Scope == command.Scope && q.ScopeId == scopeId && q.SalesModeId == plan.SalesModeId && q.Month == month, cancellationToken);
        if (quota is null)
        {
            quota = new SalesQuota(Guid.CreateVersion7(), command.Scope, scopeId, plan.SalesModeId, month, plan.MonthlyTarget,
                command.Calculation.AverageDealSize, plan.NewCustomersPerMonth, by, now);
            db.SalesQuotas.Add(quota);
        }
        else
        {
            quota.Replace(plan.MonthlyTarget, command.Calculation.AverageDealSize, plan.NewCustomersPerMonth, by, now);
        }

        foreach (var stage in plan.Stages)
        {
            quota.SetStage(stage.StageId, stage.IdealCount, stage.IdealAmount);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result<SavedQuota>.Ok(new SavedQuota(quota.Id, quota.Scope, quota.ScopeId, quota.Month, plan));
    }
}
