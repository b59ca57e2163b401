using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.RunPyramid;

namespace CrmFlow.Crm.Tests.Features.ValuePyramid;

/// <summary>
/// Table-driven: each case is a hand-made ledger for five customers (c1…c5, c5 never has a transaction), a model, and
/// the expected tier and value per customer, computed by the real handler with its grouped queries on a real SQLite
/// database. Each case gets its own owner so the population (owner filter) holds only its customers.
/// </summary>
public class PyramidComputationTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    /// <summary>The last day of every run's period; the period is the twelve months before it.</summary>
    private static readonly DateOnly AsOf = new(2026, 6, 14);

    private static readonly PyramidTierSpec[] TopFortyRest = [new("A", 20m), new("B", 30m), new("C", 50m)];

    private static readonly PyramidTierSpec[] Thresholds = [new("A", LowerBound: 100m), new("B", LowerBound: 50m), new("C")];

    public sealed record Row(string Customer, LedgerKind Kind, decimal Amount, int DaysBeforeAsOf = 10);

    public sealed record PyramidCase(
        string Name,
        PyramidMetric Metric,
        RevenueBasis Basis,
        TierRuleKind Rule,
        PyramidTierSpec[] Tiers,
        Row[] Ledger,
        string Expected,
        LoyaltyWeights? Weights = null,
        string[]? Missing = null)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<PyramidCase> Cases() =>
    [
        new PyramidCase("revenue on orders, 20/30/50 of five customers",
            PyramidMetric.Revenue, RevenueBasis.Order, TierRuleKind.RankShare, TopFortyRest,
            [new("c1", LedgerKind.Order, 300m), new("c1", LedgerKind.Order, 200m), new("c2", LedgerKind.Order, 400m),
             new("c3", LedgerKind.Order, 300m), new("c4", LedgerKind.Delivery, 900m)],
            "c1=A:500 c2=B:400 c3=B:300 c4=C:- c5=C:-",
            Missing: null),
        new PyramidCase("revenue on deliveries ignores orders",
            PyramidMetric.Revenue, RevenueBasis.Delivery, TierRuleKind.RankShare, TopFortyRest,
            [new("c1", LedgerKind.Order, 999m), new("c1", LedgerKind.Delivery, 10m), new("c2", LedgerKind.Delivery, 40m),
             new("c3", LedgerKind.Delivery, 30m), new("c4", LedgerKind.Delivery, 20m)],
            "c2=A:40 c3=B:30 c4=B:20 c1=C:10 c5=C:-"),
        new PyramidCase("revenue on invoices",
            PyramidMetric.Revenue, RevenueBasis.Invoice, TierRuleKind.Threshold, Thresholds,
            [new("c1", LedgerKind.Invoice, 100m), new("c2", LedgerKind.Invoice, 99.99m), new("c3", LedgerKind.Invoice, 50m),
             new("c4", LedgerKind.Invoice, 49.99m)],
            "c1=A:100 c2=B:99.99 c3=B:50 c4=C:49.99 c5=C:-"),
        new PyramidCase("revenue on receipts, rows outside the period ignored",
            PyramidMetric.Revenue, RevenueBasis.Receipt, TierRuleKind.Threshold, Thresholds,
            [new("c1", LedgerKind.Receipt, 120m), new("c1", LedgerKind.Receipt, 500m, DaysBeforeAsOf: 400),
             new("c2", LedgerKind.Receipt, 500m, DaysBeforeAsOf: -1), new("c3", LedgerKind.Receipt, 60m, DaysBeforeAsOf: 0)],
            "c1=A:120 c3=B:60 c2=C:- c4=C:- c5=C:-"),
        new PyramidCase("profit = revenue - expense - cost",
            PyramidMetric.Profit, RevenueBasis.Invoice, TierRuleKind.Threshold, Thresholds,
            [new("c1", LedgerKind.Invoice, 300m), new("c1", LedgerKind.Expense, 50m), new("c1", LedgerKind.Cost, 100m),
             new("c2", LedgerKind.Invoice, 100m), new("c2", LedgerKind.Cost, 40m),
             new("c3", LedgerKind.Expense, 20m), new("c4", LedgerKind.Invoice, 100m), new("c4", LedgerKind.Expense, 0.01m)],
            "c1=A:150 c4=B:99.99 c2=B:60 c3=C:-20 c5=C:-"),
        new PyramidCase("expense",
            PyramidMetric.Expense, RevenueBasis.Order, TierRuleKind.RankShare, TopFortyRest,
            [new("c1", LedgerKind.Expense, 10m), new("c1", LedgerKind.Expense, 5m), new("c2", LedgerKind.Expense, 30m),
             new("c3", LedgerKind.Order, 1000m), new("c4", LedgerKind.Expense, 1m)],
            "c2=A:30 c1=B:15 c4=B:1 c3=C:- c5=C:-"),
        new PyramidCase("arrears = receivables - receipts",
            PyramidMetric.Arrears, RevenueBasis.Order, TierRuleKind.Threshold, Thresholds,
            [new("c1", LedgerKind.Receivable, 300m), new("c1", LedgerKind.Receipt, 100m),
             new("c2", LedgerKind.Receivable, 80m), new("c3", LedgerKind.Receipt, 70m),
             new("c4", LedgerKind.Receivable, 100m), new("c4", LedgerKind.Receipt, 100m)],
            "c1=A:200 c2=B:80 c4=C:0 c3=C:-70 c5=C:-"),
        new PyramidCase("loyalty from transaction frequency: orders per month",
            PyramidMetric.Loyalty, RevenueBasis.Order, TierRuleKind.Threshold, [new("A", LowerBound: 0.25m), new("B")],
            [new("c1", LedgerKind.Order, 1m), new("c1", LedgerKind.Order, 1m), new("c1", LedgerKind.Order, 1m),
             new("c2", LedgerKind.Order, 500m), new("c3", LedgerKind.Order, 0m, 20), new("c3", LedgerKind.Order, 0m, 30)],
            "c1=A:0.25 c3=B:0.1666666666666666666666666667 c2=B:0.0833333333333333333333333333 c4=B:- c5=B:-",
            Weights: new LoyaltyWeights(0m, 1m)),
        new PyramidCase("loyalty with an activity weight reports the missing activity source",
            PyramidMetric.Loyalty, RevenueBasis.Order, TierRuleKind.RankShare, [new("A", 50m), new("B", 50m)],
            [new("c1", LedgerKind.Order, 1m), new("c1", LedgerKind.Order, 1m), new("c2", LedgerKind.Order, 1m)],
            "c1=A:0.3333333333333333333333333333 c2=A:0.1666666666666666666666666667 c3=B:- c4=B:- c5=B:-",
            Weights: new LoyaltyWeights(1m, 2m), Missing: ["Activity"]),
        new PyramidCase("tie at a rank-share boundary: both equal customers go to the higher tier",
            PyramidMetric.Revenue, RevenueBasis.Order, TierRuleKind.RankShare, TopFortyRest,
            [new("c1", LedgerKind.Order, 100m), new("c2", LedgerKind.Order, 100m), new("c3", LedgerKind.Order, 50m),
             new("c4", LedgerKind.Order, 10m)],
            "c1=A:100 c2=A:100 c3=B:50 c4=C:10 c5=C:-"),
        new PyramidCase("a basis without data in the period is reported, everyone without data in the bottom tier",
            PyramidMetric.Revenue, RevenueBasis.Delivery, TierRuleKind.RankShare, TopFortyRest,
            [new("c1", LedgerKind.Order, 100m)],
            "c1=C:- c2=C:- c3=C:- c4=C:- c5=C:-",
            Missing: ["Delivery"]),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Computes_each_metric_and_tier_rule_on_a_hand_made_ledger(PyramidCase c)
    {
        var (owner, ids) = await LedgerAsync(c.Ledger);
        var model = await ModelAsync(c.Name, c.Metric, c.Basis, c.Rule, c.Tiers, c.Weights);

        var run = (await fixture.SendAsync(new RunPyramidQuery(model, OwnerId: owner, AsOf: AsOf, Take: 1000))).Value!;

        var actual = run.Customers.Items.ToDictionary(i => ids[i.CustomerId], i => (i.Tier, i.Value));
        var expected = c.Expected.Split(' ').Select(e => e.Split('=', ':')).ToDictionary(
            p => p[0], p => (Tier: p[1], Value: p[2] == "-" ? (decimal?)null : decimal.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));

        // Listed by tier (top first), then by rank (value descending); customers without data last in the bottom tier.
        var tierIndex = c.Tiers.Select((t, i) => (t.Name, i)).ToDictionary(t => t.Name, t => t.i);
        var listed = run.Customers.Items.Select(i => (Tier: tierIndex[i.Tier], Value: i.Value ?? decimal.MinValue)).ToList();
        Assert.Equal(listed.OrderBy(l => l.Tier).ThenByDescending(l => l.Value), listed);
        Assert.All(run.Customers.Items.SkipWhile(i => i.Value is not null), i => Assert.Null(i.Value));
        Assert.Equal(5, run.CustomerCount);
        Assert.Equal(run.Customers.Items.Count(i => i.Value is null), run.Coverage.CustomersWithoutData);
        foreach (var tier in run.Tiers)
        {
            var inTier = run.Customers.Items.Where(i => i.Tier == tier.Name).ToList();
            Assert.Equal(inTier.Count, tier.CustomerCount);
            Assert.Equal(inTier.Sum(i => i.Value ?? 0m), tier.MetricTotal);
        }

        Assert.Equal(c.Missing ?? [], run.Coverage.MissingSources);
        Assert.Equal(AsOf.AddDays(1).AddMonths(-12), run.Coverage.PeriodFrom);
        Assert.Equal(AsOf.AddDays(1), run.Coverage.PeriodTo);
    }

    [Fact]
    public async Task A_tier_filter_and_paging_narrow_the_customer_list_not_the_tiers()
    {
        var (owner, _) = await LedgerAsync(
            [new("c1", LedgerKind.Order, 500m), new("c2", LedgerKind.Order, 400m), new("c3", LedgerKind.Order, 300m)]);
        var model = await ModelAsync("paging", PyramidMetric.Revenue, RevenueBasis.Order, TierRuleKind.RankShare, TopFortyRest, null);

        var run = (await fixture.SendAsync(new RunPyramidQuery(model, OwnerId: owner, AsOf: AsOf, Tier: "B", Skip: 1, Take: 1))).Value!;

        Assert.Equal(2, run.Customers.Total);
        Assert.Equal(300m, Assert.Single(run.Customers.Items).Value);
        Assert.Equal([1, 2, 2], run.Tiers.Select(t => t.CustomerCount));
    }

    [Fact]
    public async Task An_unknown_model_is_not_found()
    {
        fixture.RunAs(Guid.NewGuid(), CrmRoles.SalesManager);
        Assert.Equal(ResultStatus.NotFound, (await fixture.SendAsync(new RunPyramidQuery(Guid.NewGuid()))).Status);
    }

    /// <summary>A fresh owner with customers c1…c5 (all formal) and the given ledger rows; returns the owner and id → name.</summary>
    private async Task<(Guid Owner, Dictionary<Guid, string> Names)> LedgerAsync(Row[] rows)
    {
        var owner = await fixture.AddUserAsync("owner", CrmRoles.SalesRep);
        var now = fixture.Time.GetUtcNow();
        var customers = Enumerable.Range(1, 5).Select(i =>
        {
            var customer = new Customer(Guid.CreateVersion7(), $"P{Guid.NewGuid():N}"[..12], $"c{i}", CustomerKind.Formal, null, null, owner, now);
            customer.AssignTo(owner, now);
            return (Name: $"c{i}", Customer: customer);
        }).ToList();
        var byName = customers.ToDictionary(c => c.Name, c => c.Customer.Id);
        var client = Guid.NewGuid();
        var entries = rows.Select((r, i) => new LedgerEntry(
            Guid.CreateVersion7(), client, r.Kind, $"row-{i}",
            new LedgerContent(byName[r.Customer], null, AsOf.AddDays(-r.DaysBeforeAsOf), r.Amount, "CNY", null), now));
        await fixture.InsertAsync([.. customers.Select(c => (object)c.Customer), .. entries]);
        fixture.RunAs(owner, CrmRoles.SalesManager);
        return (owner, customers.ToDictionary(c => c.Customer.Id, c => c.Name));
    }

    private async Task<Guid> ModelAsync(
        string name, PyramidMetric metric, RevenueBasis basis, TierRuleKind rule, PyramidTierSpec[] tiers, LoyaltyWeights? weights)
    {
        var spec = new PyramidModelSpec($"{name[..Math.Min(name.Length, 60)]} {Guid.NewGuid():N}", metric, basis, rule, tiers, 12, weights, IsActive: false);
        return (await fixture.SendAsync(new CreatePyramidModelCommand(spec))).Value!.Id;
    }
}
