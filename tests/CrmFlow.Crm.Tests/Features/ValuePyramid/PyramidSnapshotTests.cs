using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Ledger;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.GetCustomerTierHistory;
using CrmFlow.Crm.Features.ValuePyramid.ListSnapshots;
using CrmFlow.Crm.Features.ValuePyramid.TakeSnapshots;

namespace CrmFlow.Crm.Tests.Features.ValuePyramid;

/// <summary>Scheduled snapshots on a real SQLite database of its own (every active model there is computed).</summary>
public class PyramidSnapshotTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    [Fact]
    public async Task Two_monthly_snapshots_report_the_customers_whose_tier_moved_and_keep_the_trend_and_history()
    {
        var owner = await fixture.AddUserAsync("owner", CrmRoles.SalesManager);
        fixture.RunAs(owner, CrmRoles.SalesManager);
        var now = fixture.Time.GetUtcNow();
        var customers = Enumerable.Range(1, 4)
            .Select(i => new Customer(Guid.CreateVersion7(), $"SN{i}", $"Snapshot {i}", CustomerKind.Formal, null, null, owner, now))
            .ToList();
        var (c1, c2, c3, c4) = (customers[0].Id, customers[1].Id, customers[2].Id, customers[3].Id);
        var client = Guid.NewGuid();
        var n = 0;
        LedgerEntry Order(Guid customer, DateOnly date, decimal amount) =>
            new(Guid.CreateVersion7(), client, LedgerKind.Order, $"o{n++}", new LedgerContent(customer, null, date, amount, "CNY", null), now);
        await fixture.InsertAsync(
        [
            .. customers,
            Order(c1, new(2026, 3, 5), 1000m), Order(c2, new(2026, 3, 5), 500m), Order(c3, new(2026, 3, 5), 100m),
        ]);
        var model = (await fixture.SendAsync(new CreatePyramidModelCommand(new PyramidModelSpec(
            "Snapshots", PyramidMetric.Revenue, RevenueBasis.Order, TierRuleKind.Threshold,
            [new("A", LowerBound: 800m), new("B", LowerBound: 300m), new("C")], 12, null, IsActive: true)))).Value!;
        await fixture.SendAsync(new CreatePyramidModelCommand(new PyramidModelSpec(
            "Inactive", PyramidMetric.Expense, RevenueBasis.Order, TierRuleKind.RankShare, [new("X", 100m)], 12, null, IsActive: false)));

        var april = await fixture.SendAsync(new TakePyramidSnapshotsCommand(new DateOnly(2026, 4, 1)));

        var first = Assert.Single(april.Snapshots); // the inactive model is not computed
        Assert.False(first.HasPrevious);
        Assert.Empty(april.Changes);

        // In April c3 buys a lot (C → A) and c2's March order is cancelled by the source system (B → C).
        await fixture.InsertAsync(Order(c3, new(2026, 4, 10), 900m), Order(c2, new(2026, 4, 12), -500m));
        var may = await fixture.SendAsync(new TakePyramidSnapshotsCommand(new DateOnly(2026, 5, 1)));
        var mayAgain = await fixture.SendAsync(new TakePyramidSnapshotsCommand(new DateOnly(2026, 5, 1))); // replaces, same result

        Assert.Equal(may.Changes, mayAgain.Changes);
        Assert.Equal(
            [(c3, "C", "A", "Up"), (c2, "B", "C", "Down")],
            may.Changes.Select(c => (c.CustomerId, c.OldTier, c.NewTier, c.Direction)));
        var drop = may.Changes.Single(c => c.CustomerId == c2);
        Assert.Equal(("SN2", "Snapshots", new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 1)), (drop.CustomerCode, drop.ModelName, drop.PeriodFrom, drop.PeriodTo));

        var trend = (await fixture.SendAsync(new ListPyramidSnapshotsQuery(model.Id))).Value!;
        Assert.Equal([new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1)], trend.Select(s => s.PeriodTo));
        Assert.Equal([1, 1, 2], trend[0].Tiers.Select(t => t.CustomerCount)); // A c1; B c2; C c3, c4
        Assert.Equal([2, 0, 2], trend[1].Tiers.Select(t => t.CustomerCount)); // A c1, c3; C c2, c4
        Assert.Equal(1000m + 1000m, trend[1].Tiers[0].MetricTotal);

        var history = Assert.Single(await fixture.SendAsync(new GetCustomerTierHistoryQuery(c3)));
        Assert.Equal(["C", "A"], history.Points.Select(p => p.Tier));
        Assert.Equal([100m, 1000m], history.Points.Select(p => p.Value));
        Assert.All(Assert.Single(await fixture.SendAsync(new GetCustomerTierHistoryQuery(c4))).Points, p => Assert.Equal(("C", (decimal?)null), (p.Tier, p.Value)));
    }
}
