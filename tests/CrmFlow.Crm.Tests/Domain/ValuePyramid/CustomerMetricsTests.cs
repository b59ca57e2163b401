using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.ValuePyramid;

namespace CrmFlow.Crm.Tests.Domain.ValuePyramid;

public class CustomerMetricsTests
{
    private static readonly Guid Customer = new(1, 0, 0, new byte[8]);

    private static readonly CustomerTotals Totals = new(Customer)
    {
        Orders = 1_000m,
        Deliveries = 800m,
        Invoices = 700m,
        Receipts = 500m,
        Receivables = 700m,
        Expenses = 50m,
        Costs = 400m,
        Activities = 24,
        Transactions = 12,
    };

    [Theory]
    [InlineData(RevenueBasis.Order, 1_000, 550)]
    [InlineData(RevenueBasis.Delivery, 800, 350)]
    [InlineData(RevenueBasis.Invoice, 700, 250)]
    [InlineData(RevenueBasis.Receipt, 500, 50)]
    public void Revenue_follows_the_basis_and_profit_is_revenue_less_expense_and_cost(RevenueBasis basis, int revenue, int profit)
    {
        Assert.Equal(revenue, CustomerMetrics.Revenue(Totals, basis));
        Assert.Equal(profit, CustomerMetrics.Profit(Totals, basis));
    }

    [Theory]
    [InlineData(700, 500, 200)]
    [InlineData(500, 500, 0)]
    [InlineData(300, 500, -200)] // paid in advance: negative arrears
    public void Arrears_are_receivables_less_receipts(int receivables, int receipts, int arrears) =>
        Assert.Equal(arrears, CustomerMetrics.Arrears(new CustomerTotals(Customer) { Receivables = receivables, Receipts = receipts }));

    [Fact]
    public void Expense_is_the_crm_expense_sum() => Assert.Equal(50m, CustomerMetrics.Expense(Totals));

    [Theory]
    [InlineData(0.6, 0.4, 12, 1.6)]  // 0.6 · 24/12 + 0.4 · 12/12
    [InlineData(1, 0, 12, 2)]
    [InlineData(0, 1, 6, 2)]         // 12 transactions in 6 months
    [InlineData(0.5, 0.5, 24, 0.75)]
    public void Loyalty_weights_activity_and_transaction_frequency_per_month(double activity, double transaction, int months, double expected) =>
        Assert.Equal((decimal)expected, CustomerMetrics.Loyalty(Totals, new LoyaltyWeights((decimal)activity, (decimal)transaction), months));

    [Theory]
    [InlineData(-1, 1, "Activity", DomainErrorCodes.MustNotBeNegative)]
    [InlineData(1, -1, "Transaction", DomainErrorCodes.MustNotBeNegative)]
    [InlineData(0, 0, "Activity", DomainErrorCodes.Required)]
    public void Invalid_loyalty_weights_are_refused(int activity, int transaction, string field, string code)
    {
        var error = Assert.Single(new LoyaltyWeights(activity, transaction).Validate());

        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Theory]
    [InlineData(PyramidMetric.Revenue, 1_000)]
    [InlineData(PyramidMetric.Profit, 550)]
    [InlineData(PyramidMetric.Expense, 50)]
    [InlineData(PyramidMetric.Arrears, 200)]
    [InlineData(PyramidMetric.Loyalty, 1.6)]
    public void Evaluate_computes_the_model_metric_per_customer(PyramidMetric metric, double expected)
    {
        var definition = new MetricDefinition(metric, RevenueBasis.Order, new LoyaltyWeights(0.6m, 0.4m));

        var value = Assert.Single(CustomerMetrics.Evaluate([Totals], definition, 12m).Value);

        Assert.Equal(new CustomerMetric(Customer, (decimal)expected), value);
    }

    [Fact]
    public void Customer_with_nothing_in_the_period_has_no_value_rather_than_zero()
    {
        var idle = new CustomerTotals(new Guid(2, 0, 0, new byte[8]));
        var visitedOnly = new CustomerTotals(new Guid(3, 0, 0, new byte[8])) { Activities = 2 };

        var values = CustomerMetrics.Evaluate([idle, visitedOnly], new MetricDefinition(PyramidMetric.Revenue), 12m).Value;

        Assert.Equal([null, 0m], values.Select(v => v.Value));
    }

    public static TheoryData<string, MetricDefinition, decimal, string, string> InvalidDefinitions => new()
    {
        { "loyalty without weights", new(PyramidMetric.Loyalty), 12m, "Definition.LoyaltyWeights", DomainErrorCodes.Required },
        { "loyalty with zero weights", new(PyramidMetric.Loyalty, LoyaltyWeights: new(0m, 0m)), 12m, "Definition.LoyaltyWeights.Activity", DomainErrorCodes.Required },
        { "unknown metric", new((PyramidMetric)99), 12m, "Definition.Metric", DomainErrorCodes.Unknown },
        { "unknown basis", new(PyramidMetric.Revenue, (RevenueBasis)99), 12m, "Definition.RevenueBasis", DomainErrorCodes.Unknown },
        { "empty period", new(PyramidMetric.Revenue), 0m, "PeriodMonths", DomainErrorCodes.MustBePositive },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void Invalid_metric_definitions_are_refused(string name, MetricDefinition definition, decimal months, string field, string code)
    {
        var result = CustomerMetrics.Evaluate([Totals], definition, months);

        Assert.False(result.IsSuccess, name);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void Revenue_pyramid_from_totals_puts_the_top_fifth_in_tier_a()
    {
        var customers = Enumerable.Range(1, 10)
            .Select(i => new CustomerTotals(new Guid(i, 0, 0, new byte[8])) { Orders = i * 100m })
            .Append(new CustomerTotals(new Guid(11, 0, 0, new byte[8])))
            .ToList();
        var metrics = CustomerMetrics.Evaluate(customers, new MetricDefinition(PyramidMetric.Revenue), 12m).Value;

        var pyramid = PyramidTiering.ByRankShare(metrics, [new("A", 20m), new("B", 30m), new("C", 50m)]).Value;

        // 11 customers: A = round(2.2) = 2, A+B = round(5.5) = 6, C = 5 including the one without data.
        Assert.Equal([(2, 1_900m), (4, 2_600m), (5, 1_000m)], pyramid.Tiers.Select(t => (t.CustomerCount, t.MetricTotal)));
        Assert.Equal(1, pyramid.CustomersWithoutData);
    }
}
