using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.ValuePyramid;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.ValuePyramid;

/// <summary>
/// How much data one source the metric needs has in the period: ledger rows by kind, or CRM activities.
/// <see cref="Available"/> is false when the source has no rows in the period (the pyramid then shows it rather
/// than treating the missing source as zero for everyone).
/// </summary>
public sealed record SourceCoverage(string Source, int Rows, DateOnly? FirstDate, DateOnly? LastDate)
{
    public bool Available => Rows > 0;
}

/// <summary>The data coverage reported with every pyramid result.</summary>
public sealed record PyramidCoverage(
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    decimal CoveredMonths,
    bool IsShortHistory,
    int CustomersWithoutData,
    IReadOnlyList<SourceCoverage> Sources,
    IReadOnlyList<string> MissingSources);

/// <summary>Which customers a run covers: all formal customers, or those of one owner (sales rep) or department.</summary>
internal sealed record PyramidPopulation(Guid? OwnerId = null, Guid? DepartmentId = null);

/// <summary>One computed pyramid and the coverage of the data behind it.</summary>
internal sealed record PyramidComputation(PyramidModel Model, AnalysisPeriod Period, PyramidCoverage Coverage, PyramidResult Result);

/// <summary>
/// Computes a model's pyramid set-based in the database: one grouped query sums and counts the ledger per customer
/// and kind over the period (only the kinds the metric needs) with each group's first and last date (each source's
/// coverage is added up from those groups), and one reads the population's ids. Only the grouped rows come back;
/// the domain formulas (<see cref="CustomerMetrics"/>, <see cref="PyramidTiering"/>) turn them into values and tiers. Data permissions
/// are not applied: the pyramid ranks all customers by design (DOMAIN.md §2); callers restrict it by role.
/// The period is [<c>periodTo</c> − model months, <c>periodTo</c>), in ledger dates (UTC days).
/// </summary>
internal sealed class PyramidCalculator(CrmDbContext db)
{
    /// <summary>The CRM activity source loyalty uses; activities are not recorded in CrmFlow yet, so it is always reported missing.</summary>
    public const string ActivitySource = "Activity";

    public async Task<PyramidComputation> ComputeAsync(
        PyramidModel model, DateOnly periodTo, PyramidPopulation population, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var periodFrom = periodTo.AddMonths(-model.PeriodMonths);
        var period = new AnalysisPeriod(ToInstant(periodFrom), ToInstant(periodTo));
        var kinds = KindsFor(model);

        var customers = db.Customers.AsNoTracking().Where(c => c.Kind == CustomerKind.Formal);
        var filtered = population.OwnerId is not null || population.DepartmentId is not null;
        if (population.OwnerId is { } ownerId)
        {
            customers = customers.Where(c => c.OwnerId == ownerId);
        }

        if (population.DepartmentId is { } departmentId)
        {
            customers = customers.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.DepartmentId == departmentId));
        }

        var ledger = db.LedgerEntries.AsNoTracking()
            .Where(e => e.Date >= periodFrom && e.Date < periodTo && kinds.Contains(e.Kind));
        if (filtered)
        {
            ledger = ledger.Where(e => customers.Any(c => c.Id == e.CustomerId));
        }

        var ids = await customers.Select(c => c.Id).ToListAsync(cancellationToken);
        // One pass over the ledger: the per-customer groups also carry their first and last dates, so each source's
        // coverage is summed from them instead of scanning the period's rows a second time. Grouped by kind, then
        // customer: the order of the index (Kind, CustomerId, Date, Amount), which alone answers the query, so the
        // database aggregates as it reads instead of hashing (and, on PostgreSQL, spilling) every group.
        var sums = await ledger
            .GroupBy(e => new { e.Kind, e.CustomerId })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.Kind,
                Amount = g.Sum(e => e.Amount),
                Rows = g.Count(),
                First = g.Min(e => e.Date),
                Last = g.Max(e => e.Date),
            })
            .ToListAsync(cancellationToken);
        var sources = sums
            .GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, Rows = g.Sum(s => s.Rows), First = g.Min(s => s.First), Last = g.Max(s => s.Last) })
            .ToList();

        // Ranking the grouped rows is the only in-memory work: one CustomerTotals per customer of the population.
        var totals = ids.ToDictionary(id => id, id => new CustomerTotals(id));
        foreach (var row in sums)
        {
            if (totals.TryGetValue(row.CustomerId, out var t))
            {
                totals[row.CustomerId] = Add(t, row.Kind, row.Amount, row.Rows, model.RevenueBasis);
            }
        }

        var definition = new MetricDefinition(model.Metric, model.RevenueBasis, model.LoyaltyWeights);
        var metrics = CustomerMetrics.Evaluate([.. totals.Values], definition, period.LengthInMonths).Value;
        var spec = model.Spec;
        var result = (model.TierRule == TierRuleKind.RankShare
            ? PyramidTiering.ByRankShare(metrics, spec.RankShareTiers())
            : PyramidTiering.ByThresholds(metrics, spec.ThresholdTiers())).Value;

        var sourceCoverage = kinds
            .Select(kind => sources.FirstOrDefault(s => s.Kind == kind) is { } s
                ? new SourceCoverage(kind.ToString(), s.Rows, s.First, s.Last)
                : new SourceCoverage(kind.ToString(), 0, null, null))
            .ToList();
        if (model.Metric == PyramidMetric.Loyalty && model.LoyaltyActivityWeight > 0m)
        {
            sourceCoverage.Add(new SourceCoverage(ActivitySource, 0, null, null));
        }

        var dates = sourceCoverage
            .SelectMany(s => new[] { s.FirstDate, s.LastDate })
            .OfType<DateOnly>()
            .Select(ToInstant);
        var measured = PeriodCoverage.Measure(period, dates, result.CustomersWithoutData).Value;
        var coverage = new PyramidCoverage(
            periodFrom,
            periodTo,
            decimal.Round(measured.CoveredMonths, 2),
            measured.IsShortHistory,
            result.CustomersWithoutData,
            sourceCoverage,
            [.. sourceCoverage.Where(s => !s.Available).Select(s => s.Source)]);
        return new PyramidComputation(model, period, coverage, result);
    }

    /// <summary>The exclusive end of a real-time run's period: the end of today (UTC), so today's records count.</summary>
    public static DateOnly RealTimePeriodEnd(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);

    /// <summary>The exclusive end of a scheduled run's period: the first day of the current month (UTC), i.e. whole months.</summary>
    public static DateOnly ScheduledPeriodEnd(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// <summary>The ledger kinds a model's metric reads.</summary>
    public static LedgerKind[] KindsFor(PyramidModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var basis = BasisKind(model.RevenueBasis);
        return model.Metric switch
        {
            PyramidMetric.Revenue => [basis],
            PyramidMetric.Profit => [basis, LedgerKind.Expense, LedgerKind.Cost],
            PyramidMetric.Expense => [LedgerKind.Expense],
            PyramidMetric.Arrears => [LedgerKind.Receivable, LedgerKind.Receipt],
            PyramidMetric.Loyalty => [basis],
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Metric, "Unknown metric."),
        };
    }

    private static LedgerKind BasisKind(RevenueBasis basis) => basis switch
    {
        RevenueBasis.Order => LedgerKind.Order,
        RevenueBasis.Delivery => LedgerKind.Delivery,
        RevenueBasis.Invoice => LedgerKind.Invoice,
        RevenueBasis.Receipt => LedgerKind.Receipt,
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown revenue basis."),
    };

    /// <summary>Adds one grouped row; a transaction is a document on the model's revenue basis (loyalty's frequency).</summary>
    private static CustomerTotals Add(CustomerTotals t, LedgerKind kind, decimal amount, int rows, RevenueBasis basis)
    {
        var added = kind switch
        {
            LedgerKind.Order => t with { Orders = t.Orders + amount },
            LedgerKind.Delivery => t with { Deliveries = t.Deliveries + amount },
            LedgerKind.Invoice => t with { Invoices = t.Invoices + amount },
            LedgerKind.Receivable => t with { Receivables = t.Receivables + amount },
            LedgerKind.Receipt => t with { Receipts = t.Receipts + amount },
            LedgerKind.Expense => t with { Expenses = t.Expenses + amount },
            LedgerKind.Cost => t with { Costs = t.Costs + amount },
            _ => t,
        };
        return kind == BasisKind(basis) ? added with { Transactions = added.Transactions + rows } : added;
    }

    private static DateTimeOffset ToInstant(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
