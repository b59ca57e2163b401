using System.Globalization;

namespace CrmFlow.Crm.Domain.ValuePyramid;

/// <summary>The customer-value metric a pyramid model ranks by (DOMAIN.md §2, seed 价值金字塔数据模型).</summary>
public enum PyramidMetric
{
    Revenue = 0,
    Profit = 1,
    Expense = 2,
    Arrears = 3,
    Loyalty = 4,
}

/// <summary>
/// Which documents count as revenue, chosen per model: order, delivery or invoice amounts (sales system) or
/// receipt amounts (AR system).
/// </summary>
public enum RevenueBasis
{
    Order = 0,
    Delivery = 1,
    Invoice = 2,
    Receipt = 3,
}

/// <summary>
/// One customer's aggregated sums over the analysis period: ledger amounts from the sales and AR systems, CRM
/// expenses, costs from cost accounting, and the numbers of activities (visits, calls) and transactions.
/// A customer with nothing at all in the period <see cref="HasData"/> = false: a real customer with zero value.
/// </summary>
public sealed record CustomerTotals(Guid CustomerId)
{
    public decimal Orders { get; init; }

    public decimal Deliveries { get; init; }

    public decimal Invoices { get; init; }

    public decimal Receipts { get; init; }

    public decimal Receivables { get; init; }

    public decimal Expenses { get; init; }

    public decimal Costs { get; init; }

    public int Activities { get; init; }

    public int Transactions { get; init; }

    public bool HasData =>
        Orders != 0m || Deliveries != 0m || Invoices != 0m || Receipts != 0m || Receivables != 0m
        || Expenses != 0m || Costs != 0m || Activities != 0 || Transactions != 0;
}

/// <summary>
/// Loyalty weights: loyalty = <paramref name="Activity"/> · activity frequency + <paramref name="Transaction"/> ·
/// transaction frequency. Both ≥ 0 and not both 0.
/// </summary>
public sealed record LoyaltyWeights(decimal Activity, decimal Transaction)
{
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        if (Activity < 0m)
        {
            errors.Add(new(nameof(Activity), DomainErrorCodes.MustNotBeNegative, "The activity weight cannot be negative."));
        }

        if (Transaction < 0m)
        {
            errors.Add(new(nameof(Transaction), DomainErrorCodes.MustNotBeNegative, "The transaction weight cannot be negative."));
        }

        if (Activity == 0m && Transaction == 0m)
        {
            errors.Add(new(nameof(Activity), DomainErrorCodes.Required, "At least one loyalty weight must be greater than zero."));
        }

        return errors;
    }
}

/// <summary>
/// What a pyramid model measures: the metric, the revenue basis (used by revenue and profit) and, for loyalty,
/// the weights (required then).
/// </summary>
public sealed record MetricDefinition(PyramidMetric Metric, RevenueBasis RevenueBasis = RevenueBasis.Order, LoyaltyWeights? LoyaltyWeights = null)
{
    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(Metric))
        {
            errors.Add(new(nameof(Metric), DomainErrorCodes.Unknown, "Unknown metric."));
        }

        if (!Enum.IsDefined(RevenueBasis))
        {
            errors.Add(new(nameof(RevenueBasis), DomainErrorCodes.Unknown, "Unknown revenue basis."));
        }

        if (Metric == PyramidMetric.Loyalty)
        {
            if (LoyaltyWeights is null)
            {
                errors.Add(new(nameof(LoyaltyWeights), DomainErrorCodes.Required, "A loyalty model needs weights."));
            }
            else
            {
                errors.AddRange(LoyaltyWeights.Validate().Select(e => e with { Field = nameof(LoyaltyWeights) + "." + e.Field }));
            }
        }

        return errors;
    }
}

/// <summary>One customer's metric value; null means the customer has no data in the period.</summary>
public sealed record CustomerMetric(Guid CustomerId, decimal? Value);

/// <summary>
/// The customer-value metric formulas over aggregated per-customer sums (DOMAIN.md §2):
/// revenue = the sum on the chosen basis; profit = revenue − expense − cost; expense = CRM expenses;
/// arrears = receivables − receipts; loyalty = w_activity · activities per month + w_transaction · transactions
/// per month, the frequencies being counts divided by the period's length in months. Full decimal precision.
/// </summary>
public static class CustomerMetrics
{
    public static decimal Revenue(CustomerTotals totals, RevenueBasis basis)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return basis switch
        {
            RevenueBasis.Order => totals.Orders,
            RevenueBasis.Delivery => totals.Deliveries,
            RevenueBasis.Invoice => totals.Invoices,
            RevenueBasis.Receipt => totals.Receipts,
            _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown revenue basis."),
        };
    }

    public static decimal Profit(CustomerTotals totals, RevenueBasis basis) => Revenue(totals, basis) - totals.Expenses - totals.Costs;

    public static decimal Expense(CustomerTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return totals.Expenses;
    }

    public static decimal Arrears(CustomerTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return totals.Receivables - totals.Receipts;
    }

    /// <summary>Loyalty; the caller validates <paramref name="weights"/> and a positive <paramref name="periodMonths"/>.</summary>
    public static decimal Loyalty(CustomerTotals totals, LoyaltyWeights weights, decimal periodMonths)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodMonths);
        return ((weights.Activity * totals.Activities) + (weights.Transaction * totals.Transactions)) / periodMonths;
    }

    /// <summary>
    /// The metric of every customer for a pyramid: customers without data get a null value (they still belong in
    /// the pyramid, see <see cref="PyramidTiering"/>). Refuses an invalid definition, a non-positive period length
    /// and a customer listed twice.
    /// </summary>
    public static DomainResult<IReadOnlyList<CustomerMetric>> Evaluate(
        IReadOnlyList<CustomerTotals> customers,
        MetricDefinition definition,
        decimal periodMonths)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DomainError>();
        errors.AddRange(definition.Validate().Select(e => e with { Field = "Definition." + e.Field }));
        if (periodMonths <= 0m)
        {
            errors.Add(new("PeriodMonths", DomainErrorCodes.MustBePositive, "The period must be longer than zero."));
        }

        AddDuplicateErrors(errors, customers.Select(c => c.CustomerId), "Customers");
        return DomainResult.From<IReadOnlyList<CustomerMetric>>(
            errors,
            () => [.. customers.Select(c => new CustomerMetric(c.CustomerId, c.HasData ? ValueOf(c, definition, periodMonths) : null))]);
    }

    internal static void AddDuplicateErrors(List<DomainError> errors, IEnumerable<Guid> ids, string path)
    {
        var seen = new HashSet<Guid>();
        var i = 0;
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                errors.Add(new(
                    string.Create(CultureInfo.InvariantCulture, $"{path}[{i}].CustomerId"),
                    DomainErrorCodes.Duplicate,
                    "The customer is listed more than once."));
            }

            i++;
        }
    }

    private static decimal ValueOf(CustomerTotals c, MetricDefinition d, decimal periodMonths) => d.Metric switch
    {
        PyramidMetric.Revenue => Revenue(c, d.RevenueBasis),
        PyramidMetric.Profit => Profit(c, d.RevenueBasis),
        PyramidMetric.Expense => Expense(c),
        PyramidMetric.Arrears => Arrears(c),
        PyramidMetric.Loyalty => Loyalty(c, d.LoyaltyWeights!, periodMonths),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d.Metric, "Unknown metric."),
    };
}
