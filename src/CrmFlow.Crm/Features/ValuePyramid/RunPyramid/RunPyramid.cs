using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.ValuePyramid;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid.RunPyramid;

/// <summary>
/// Real-time run of one model: the tiers (top first) with customer count and metric total, the period and data
/// coverage, and one page of customers with tier, value and rank (all customers, or those of <paramref name="Tier"/>).
/// <paramref name="OwnerId"/> / <paramref name="DepartmentId"/> restrict the population to one rep's (or one
/// department's reps') customers, which are then ranked among themselves (the per-rep pyramid). The period ends
/// today (inclusive) unless <paramref name="AsOf"/> names another last day. Data permissions are not applied.
/// </summary>
public sealed record RunPyramidQuery(
    Guid ModelId,
    Guid? OwnerId = null,
    Guid? DepartmentId = null,
    DateOnly? AsOf = null,
    string? Tier = null,
    int Skip = 0,
    int Take = 100) : IQuery<Result<PyramidRun>>;

public sealed record PyramidRun(
    Guid ModelId,
    string ModelName,
    PyramidMetric Metric,
    RevenueBasis RevenueBasis,
    TierRuleKind TierRule,
    PyramidCoverage Coverage,
    IReadOnlyList<PyramidRunTier> Tiers,
    int CustomerCount,
    PagedCustomers Customers);

public sealed record PyramidRunTier(string Name, int CustomerCount, decimal MetricTotal, int CustomersWithoutData);

public sealed record PagedCustomers(int Total, int Skip, int Take, IReadOnlyList<PyramidRunCustomer> Items);

public sealed record PyramidRunCustomer(
    Guid CustomerId, string Code, string Name, Guid? OwnerId, string? OwnerName, string Tier, decimal? Value, int? Rank);

internal sealed class RunPyramidValidator : AbstractValidator<RunPyramidQuery>
{
    public RunPyramidValidator()
    {
        RuleFor(q => q.ModelId).NotEmpty();
        RuleFor(q => q.Skip).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Take).InclusiveBetween(1, 1000);
        RuleFor(q => q.Tier).MaximumLength(32);
    }
}

internal sealed class RunPyramidHandler(CrmDbContext db, PyramidCalculator calculator, TimeProvider time)
    : IQueryHandler<RunPyramidQuery, Result<PyramidRun>>
{
    public async ValueTask<Result<PyramidRun>> Handle(RunPyramidQuery query, CancellationToken cancellationToken)
    {
        var model = await db.PyramidModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == query.ModelId, cancellationToken);
        if (model is null)
        {
            return Result<PyramidRun>.NotFound();
        }

        var periodTo = query.AsOf is { } asOf ? asOf.AddDays(1) : PyramidCalculator.RealTimePeriodEnd(time.GetUtcNow());
        var computed = await calculator.ComputeAsync(model, periodTo, new PyramidPopulation(query.OwnerId, query.DepartmentId), cancellationToken);
        var result = computed.Result;
        var selected = query.Tier is null ? result.Customers : [.. result.Customers.Where(c => c.Tier == query.Tier)];
        var page = selected.Skip(query.Skip).Take(query.Take).ToList();
        var items = await PyramidCustomerNames.DescribeAsync(db, page, cancellationToken);
        return Result<PyramidRun>.Ok(new PyramidRun(
            model.Id,
            model.Name,
            model.Metric,
            model.RevenueBasis,
            model.TierRule,
            computed.Coverage,
            [.. result.Tiers.Select(t => new PyramidRunTier(t.Name, t.CustomerCount, t.MetricTotal, t.CustomersWithoutData))],
            result.CustomerCount,
            new PagedCustomers(selected.Count, query.Skip, query.Take, items)));
    }
}

/// <summary>Adds code, name and owner to one page of customers (one query for the page, not per customer).</summary>
internal static class PyramidCustomerNames
{
    public static async Task<IReadOnlyList<PyramidRunCustomer>> DescribeAsync(
        CrmDbContext db, IReadOnlyList<CustomerTier> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(c => c.CustomerId).ToList();
        var described = await db.Customers.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Code,
                c.Name,
                c.OwnerId,
                OwnerName = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. page.Select(c => described.TryGetValue(c.CustomerId, out var d)
            ? new PyramidRunCustomer(c.CustomerId, d.Code, d.Name, d.OwnerId, d.OwnerName, c.Tier, c.Value, c.Rank)
            : new PyramidRunCustomer(c.CustomerId, "?", "?", null, null, c.Tier, c.Value, c.Rank))];
    }
}
