using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.Crm.Features.Opportunities.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Quotas.GetSalesFunnel;

/// <summary>
/// The sales funnel (销售漏斗) of a sales mode for an object (company, department or person) and month: per stage the
/// open opportunities (count, amount) against the saved quota, coloured by the thresholds (default ≥ 100 % green,
/// ≥ 70 % yellow, else red), and the measured average dwell time against the planned duration. Sales managers,
/// directors and administrators count every opportunity; a rep counts those on customers they may read.
/// </summary>
public sealed record GetSalesFunnelQuery(
    Guid SalesModeId, QuotaScope Scope = QuotaScope.Company, Guid? ScopeId = null, DateOnly? Month = null,
    FunnelBasis Basis = FunnelBasis.Amount, decimal? YellowPercent = null, decimal? GreenPercent = null) : IQuery<Result<SalesFunnelView>>;

public sealed record SalesFunnelView(
    Guid SalesModeId, QuotaScope Scope, Guid? ScopeId, DateOnly Month, bool HasQuota, FunnelBasis Basis, decimal YellowPercent, decimal GreenPercent,
    IReadOnlyList<FunnelStageView> Stages);

public sealed record FunnelStageView(
    Guid StageId, string Stage, decimal QuotaCount, decimal QuotaAmount, int ActualCount, decimal ActualAmount, decimal? AttainmentPercent,
    FunnelColor Color, decimal PlannedMonths, decimal? AverageDwellMonths, int Stays);

internal sealed class GetSalesFunnelValidator : AbstractValidator<GetSalesFunnelQuery>
{
    public GetSalesFunnelValidator()
    {
        RuleFor(q => q.SalesModeId).NotEmpty();
        RuleFor(q => q.Scope).IsInEnum();
        RuleFor(q => q.Basis).IsInEnum();
        RuleFor(q => q.ScopeId).NotEmpty().When(q => q.Scope != QuotaScope.Company).WithMessage("A department or person funnel names its object.");
    }
}

internal sealed class GetSalesFunnelHandler(CrmDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<GetSalesFunnelQuery, Result<SalesFunnelView>>
{
    public async ValueTask<Result<SalesFunnelView>> Handle(GetSalesFunnelQuery query, CancellationToken cancellationToken)
    {
        var stages = await db.SalesStages.AsNoTracking().Where(s => s.SalesModeId == query.SalesModeId).OrderBy(s => s.Order).ToListAsync(cancellationToken);
        if (stages.Count == 0)
        {
            return Result<SalesFunnelView>.NotFound();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var month = query.Month is { } m ? new DateOnly(m.Year, m.Month, 1) : new DateOnly(today.Year, today.Month, 1);
        var scopeId = query.Scope == QuotaScope.Company ? null : query.ScopeId;
        var quota = await db.SalesQuotas.AsNoTracking().Include(q => q.Stages).SingleOrDefaultAsync(
            q => q.Scope == query.Scope && q.ScopeId == scopeId && q.SalesModeId == query.SalesModeId && q.Month == month, cancellationToken);

        var opportunities = user.Satisfies(Policies.SalesManagement) ? db.Opportunities.AsNoTracking() : db.Opportunities.AsNoTracking().VisibleTo(db, user, Access.Read);
        opportunities = opportunities.Where(o => o.SalesModeId == query.SalesModeId);
        if (query.Scope == QuotaScope.Person)
        {
            opportunities = opportunities.Where(o => o.OwnerId == scopeId);
        }
        else if (query.Scope == QuotaScope.Department)
        {
            var members = db.Users.Where(u => u.DepartmentId == scopeId).Select(u => u.Id);
            opportunities = opportunities.Where(o => members.Contains(o.OwnerId));
        }

        var open = await opportunities.Where(o => o.Status == OpportunityStatus.Open)
            .GroupBy(o => o.StageId).Select(g => new { StageId = g.Key, Count = g.Count(), Amount = g.Sum(o => o.ExpectedAmount) })
            .ToListAsync(cancellationToken);
        var ids = opportunities.Select(o => o.Id);
        var records = await db.StageRecords.AsNoTracking().Where(r => ids.Contains(r.OpportunityId))
            .Select(r => new { r.FromStageId, r.FromStageEnteredAt, r.At }).ToListAsync(cancellationToken);
        var current = await opportunities.Where(o => o.Status == OpportunityStatus.Open).Select(o => new { o.StageId, o.StageEnteredAt }).ToListAsync(cancellationToken);

        var names = stages.ToDictionary(s => s.Id, s => s.Name);
        var stays = records.Where(r => names.ContainsKey(r.FromStageId)).Select(r => new StageStay(names[r.FromStageId], r.FromStageEnteredAt, r.At))
            .Concat(current.Where(c => names.ContainsKey(c.StageId)).Select(c => new StageStay(names[c.StageId], c.StageEnteredAt, null)))
            .ToList();
        var dwell = StageDwellTime.Measure(stays, [.. stages.Select(s => new PlannedStage(s.Name, s.AverageMonths))], time);

        var thresholds = new FunnelThresholds(query.YellowPercent ?? FunnelThresholds.Default.YellowPercent, query.GreenPercent ?? FunnelThresholds.Default.GreenPercent);
        var inputs = stages.Select(s =>
        {
            var q = quota?.Stages.FirstOrDefault(x => x.StageId == s.Id);
            var actual = open.FirstOrDefault(a => a.StageId == s.Id);
            return new FunnelStageInput(s.Name, q?.IdealCount ?? 0m, q?.IdealAmount ?? 0m, actual?.Count ?? 0, actual?.Amount ?? 0m);
        }).ToList();
        var funnel = SalesFunnel.Evaluate(inputs, query.Basis, thresholds);
        if (!funnel.IsSuccess || !dwell.IsSuccess)
        {
            var errors = funnel.IsSuccess ? dwell.Errors : funnel.Errors;
            return Result<SalesFunnelView>.Refused("funnel.invalid_input", "The funnel inputs are invalid.", Errors(errors));
        }

        var measured = dwell.Value.ToDictionary(d => d.Stage, StringComparer.Ordinal);
        return Result<SalesFunnelView>.Ok(new SalesFunnelView(
            query.SalesModeId, query.Scope, scopeId, month, quota is not null, query.Basis, thresholds.YellowPercent, thresholds.GreenPercent,
            [.. funnel.Value.Select((f, i) => new FunnelStageView(
                stages[i].Id, f.Stage, f.QuotaCount, f.QuotaAmount, f.ActualCount, f.ActualAmount, f.AttainmentPercent, f.Color,
                stages[i].AverageMonths, measured.GetValueOrDefault(f.Stage)?.AverageMonths, measured.GetValueOrDefault(f.Stage)?.Stays ?? 0))]));
    }

    private static Dictionary<string, string[]> Errors(IReadOnlyList<DomainError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
