using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.ValuePyramid;

namespace CrmFlow.Crm.Tests.Domain.ValuePyramid;

public class TierChangeDetectorTests
{
    private static readonly string[] Order = ["A", "B", "C"];

    private static Guid Id(int n) => new(n, 0, 0, new byte[8]);

    /// <summary>"1:A,2:B": customer number → tier.</summary>
    private static Dictionary<Guid, string> Snapshot(string entries) =>
        entries.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split(':'))
            .ToDictionary(p => Id(int.Parse(p[0])), p => p[1]);

    [Theory]
    [InlineData("1:B", "1:A", TierMove.Up, "B", "A")]
    [InlineData("1:C", "1:A", TierMove.Up, "C", "A")]
    [InlineData("1:A", "1:C", TierMove.Down, "A", "C")]
    [InlineData("", "1:B", TierMove.Entered, null, "B")]
    [InlineData("1:B", "", TierMove.Left, "B", null)]
    public void Each_kind_of_move_is_detected(string earlier, string later, TierMove move, string? from, string? to)
    {
        var change = Assert.Single(TierChangeDetector.Detect(Order, Snapshot(earlier), Snapshot(later)).Value);

        Assert.Equal(new TierChange(Id(1), from, to, move), change);
    }

    [Fact]
    public void Only_moved_customers_are_listed_by_move_then_customer()
    {
        var changes = TierChangeDetector.Detect(
            Order,
            Snapshot("1:A,2:B,3:C,4:B,5:A"),
            Snapshot("1:B,2:A,3:C,4:C,6:A")).Value;

        Assert.Equal(
            [
                new TierChange(Id(2), "B", "A", TierMove.Up),
                new TierChange(Id(1), "A", "B", TierMove.Down),
                new TierChange(Id(4), "B", "C", TierMove.Down),
                new TierChange(Id(6), null, "A", TierMove.Entered),
                new TierChange(Id(5), "A", null, TierMove.Left),
            ],
            changes);
    }

    [Fact]
    public void Snapshots_of_pyramid_results_can_be_compared()
    {
        RankShareTier[] tiers = [new("Key", 50m), new("Other", 50m)];
        var january = PyramidTiering.ByRankShare([new(Id(1), 10m), new(Id(2), 5m)], tiers).Value;
        var february = PyramidTiering.ByRankShare([new(Id(1), 1m), new(Id(2), 5m)], tiers).Value;

        var changes = TierChangeDetector.Detect(january.TierOrder, january.ToSnapshot(), february.ToSnapshot()).Value;

        Assert.Equal(
            [new TierChange(Id(2), "Other", "Key", TierMove.Up), new TierChange(Id(1), "Key", "Other", TierMove.Down)],
            changes);
    }

    [Fact]
    public void Unknown_tiers_and_a_repeated_tier_order_are_refused()
    {
        var result = TierChangeDetector.Detect(["A", "B", "A"], Snapshot("1:A"), Snapshot("1:Z"));

        Assert.Equal(
            [("TierOrder[2]", DomainErrorCodes.Duplicate), ("Later[" + Id(1) + "]", DomainErrorCodes.Unknown)],
            result.Errors.Select(e => (e.Field, e.Code)));
    }
}
