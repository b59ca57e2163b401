using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Quotas.ComputeStageQuotas;

/// <summary>A stage's inputs; omitted values come from the sales mode's stage (average months, conversion).</summary>
public sealed record QuotaStageOverride(Guid StageId, decimal? AverageMonths = null, decimal? Conversion = null);

/// <summary>
/// The assisted quota calculation (DOMAIN.md §3, <see cref="QuotaCalculator"/>) for a sales mode: annual or monthly
/// target, average deal size and, per stage, duration and conversion (defaults: the mode's stage settings).
/// </summary>
public sealed record ComputeStageQuotasQuery(
    Guid SalesModeId, decimal TargetAmount, TargetPeriod TargetPeriod, decimal AverageDealSize, IReadOnlyList<QuotaStageOverride>? Stages = null)
    : IQuery<Result<QuotaCalculation>>;

public sealed record QuotaCalculation(
    Guid SalesModeId, decimal MonthlyTarget, decimal DealsToWinPerMonth, decimal NewCustomersPerMonth, decimal PipelineCount, decimal PipelineAmount,
    IReadOnlyList<StageQuotaLine> Stages, RoundedQuotaPlan Rounded);

/// <summary>One stage: its inputs and the exact λ_i, L_i, Q_i.</summary>
public sealed record StageQuotaLine(
    Guid StageId, string Name, decimal AverageMonths, decimal Conversion, decimal ArrivalsPerMonth, decimal IdealCount, decimal IdealAmount);

public static class QuotaRefusals
{
    public const string InvalidInput = "quota.invalid_input";
    public const string UnknownSalesMode = "quota.unknown_sales_mode";
}

internal sealed class ComputeStageQuotasValidator : AbstractValidator<ComputeStageQuotasQuery>
{
    public ComputeStageQuotasValidator()
    {
        RuleFor(q => q.SalesModeId).NotEmpty();
        RuleFor(q => q.TargetPeriod).IsInEnum();
    }
}

internal sealed class ComputeStageQuotasHandler(CrmDbContext db) : IQueryHandler<ComputeStageQuotasQuery, Result<QuotaCalculation>>
{
    public async ValueTask<Result<QuotaCalculation>> Handle(ComputeStageQuotasQuery query, CancellationToken cancellationToken) =>
        await QuotaComputation.ComputeAsync(db, query, cancellationToken);
}

/// <summary>Shared by the calculator and the save: resolve the mode's stages, apply overrides, run the formula.</summary>
internal static class QuotaComputation
{
    public static async Task<Result<QuotaCalculation>> ComputeAsync(CrmDbContext db, ComputeStageQuotasQuery query, CancellationToken cancellationToken)
    {
        var stages = await db.SalesStages.AsNoTracking().Where(s => s.SalesModeId == query.SalesModeId).OrderBy(s => s.Order).ToListAsync(cancellationToken);
        if (stages.Count == 0)
        {
            return Result<QuotaCalculation>.Refused(QuotaRefusals.UnknownSalesMode, "No sales mode with stages has this id.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["SalesModeId"] = ["Unknown sales mode."] });
        }

        var overrides = (query.Stages ?? []).ToDictionary(s => s.StageId);
        var inputs = stages.Select(s => overrides.TryGetValue(s.Id, out var o)
            ? new QuotaStageInput(s.Name, o.AverageMonths ?? s.AverageMonths, o.Conversion ?? s.Conversion)
            : new QuotaStageInput(s.Name, s.AverageMonths, s.Conversion)).ToList();
        var plan = QuotaCalculator.Compute(new QuotaInput(new SalesTarget(query.TargetAmount, query.TargetPeriod), query.AverageDealSize, inputs));
        if (!plan.IsSuccess)
        {
            return Result<QuotaCalculation>.Refused(QuotaRefusals.InvalidInput, "The quota inputs are invalid.", Errors(plan.Errors));
        }

        var p = plan.Value;
        return Result<QuotaCalculation>.Ok(new QuotaCalculation(
            query.SalesModeId, p.MonthlyTarget, p.DealsToWinPerMonth, p.NewCustomersPerMonth, p.PipelineCount, p.PipelineAmount,
            [.. p.Stages.Select((s, i) => new StageQuotaLine(stages[i].Id, s.Name, s.AverageMonths, s.Conversion, s.ArrivalsPerMonth, s.IdealCount, s.IdealAmount))],
            p.Rounded()));
    }

    private static Dictionary<string, string[]> Errors(IReadOnlyList<DomainError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
