using System.Globalization;
using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.ValuePyramid;

namespace CrmFlow.Crm.Tests.Domain.ValuePyramid;

public class PyramidTieringTests
{
    private static readonly RankShareTier[] Abc = [new("A", 20m), new("B", 30m), new("C", 50m)];

    private static Guid Id(int n) => new(n, 0, 0, new byte[8]);

    /// <summary>"100,90,-,5": customers 1…n with these values, "-" meaning no data.</summary>
    private static CustomerMetric[] Customers(string values) =>
        [.. values.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select((v, i) => new CustomerMetric(Id(i + 1), v == "-" ? null : decimal.Parse(v, CultureInfo.InvariantCulture)))];

    private static RankShareTier[] Shares(string shares) =>
        [.. shares.Split(',').Select((s, i) => new RankShareTier(((char)('A' + i)).ToString(), decimal.Parse(s, CultureInfo.InvariantCulture)))];

    private static string TierOfEach(PyramidResult result, int count) =>
        string.Join(",", Enumerable.Range(1, count).Select(i => result.Customers.Single(c => c.CustomerId == Id(i)).Tier));

    [Theory]
    [InlineData(10, "20,30,50", "2,3,5")]
    [InlineData(7, "20,30,50", "1,3,3")]   // cumulative 1.4 → 1, 3.5 → 4
    [InlineData(5, "20,30,50", "1,2,2")]   // 1.0, 2.5 → 3
    [InlineData(3, "20,30,50", "1,1,1")]   // 0.6 → 1, 1.5 → 2
    [InlineData(2, "20,30,50", "0,1,1")]   // 0.4 → 0: too few customers for a top 20 %
    [InlineData(1, "20,30,50", "0,1,0")]   // 0.2 → 0, 0.5 → 1
    [InlineData(0, "20,30,50", "0,0,0")]
    [InlineData(7, "50,50", "4,3")]
    [InlineData(9, "100", "9")]
    [InlineData(6, "33.3,33.3,33.4", "2,2,2")]
    public void Rank_share_counts_round_the_cumulative_share_half_away_from_zero(int customers, string shares, string expected)
    {
        var metrics = Enumerable.Range(1, customers).Select(i => new CustomerMetric(Id(i), 1000m - i)).ToList();

        var result = PyramidTiering.ByRankShare(metrics, Shares(shares)).Value;

        Assert.Equal(expected, string.Join(",", result.Tiers.Select(t => t.CustomerCount)));
        Assert.Equal(customers, result.CustomerCount);
    }

    [Theory]
    [InlineData("100,90,80,70,60,50,40,30,20,10", "A,A,B,B,B,C,C,C,C,C")]
    [InlineData("100,90,90,80,70,60,50,40,30,20", "A,A,A,B,B,C,C,C,C,C")] // the 90s straddle A|B: both go to A
    [InlineData("100,90,80,80,80,80,60,50,40,30", "A,A,B,B,B,B,C,C,C,C")] // the 80s straddle B|C: all four go to B
    [InlineData("100,90,90,90,90,90,40,30,20,10", "A,A,A,A,A,A,C,C,C,C")] // A swallows B's places: B is empty
    [InlineData("10,10,10,10,10", "A,A,A,A,A")]
    [InlineData("90,100,80,90,70,60,50,40,30,20", "A,A,B,A,B,C,C,C,C,C")] // input order does not matter
    public void Equal_values_never_land_in_different_tiers(string values, string expectedTiers)
    {
        var metrics = Customers(values);

        var result = PyramidTiering.ByRankShare(metrics, Abc).Value;

        Assert.Equal(expectedTiers, TierOfEach(result, metrics.Length));
        Assert.All(
            result.Customers.GroupBy(c => c.Value),
            group => Assert.Single(group.Select(c => c.Tier).Distinct()));
    }

    [Fact]
    public void Rank_share_is_deterministic_whatever_the_input_order()
    {
        var metrics = Customers("5,3,3,1,-,8,3,-,0,2");

        var forward = PyramidTiering.ByRankShare(metrics, Abc).Value;
        var backward = PyramidTiering.ByRankShare([.. metrics.Reverse()], Abc).Value;

        Assert.Equal(forward.Customers, backward.Customers);
        Assert.Equal(forward.Tiers, backward.Tiers);
    }

    [Fact]
    public void Customers_without_data_count_in_the_population_and_sit_in_the_bottom_tier()
    {
        // 10 customers, 7 without data: A takes 20 % of 10 = 2; B would reach 5 but only 3 have data.
        var result = PyramidTiering.ByRankShare(Customers("50,-,40,-,0,-,-,-,-,-"), Abc).Value;

        Assert.Equal(
            [new TierSummary("A", 2, 90m, 0), new TierSummary("B", 1, 0m, 0), new TierSummary("C", 7, 0m, 7)],
            result.Tiers);
        Assert.Equal(7, result.CustomersWithoutData);
        Assert.All(result.Customers.Where(c => c.Value is null), c => Assert.Equal(("C", (int?)null), (c.Tier, c.Rank)));
    }

    [Fact]
    public void Customers_without_data_rank_below_negative_values()
    {
        var result = PyramidTiering.ByRankShare(Customers("10,-,-5"), [new("A", 34m), new("B", 33m), new("C", 33m)]).Value;

        Assert.Equal("A,C,B", TierOfEach(result, 3));
    }

    [Fact]
    public void Customers_are_listed_by_tier_then_rank_with_shared_ranks_for_ties()
    {
        var result = PyramidTiering.ByRankShare(Customers("3,5,-,3,1"), [new("Top", 40m), new("Rest", 60m)]).Value;

        Assert.Equal(
            [
                new CustomerTier(Id(2), "Top", 5m, 1),
                new CustomerTier(Id(1), "Top", 3m, 2),
                new CustomerTier(Id(4), "Top", 3m, 2),
                new CustomerTier(Id(5), "Rest", 1m, 4),
                new CustomerTier(Id(3), "Rest", null, null),
            ],
            result.Customers);
        Assert.Equal([new TierSummary("Top", 3, 11m, 0), new TierSummary("Rest", 2, 1m, 1)], result.Tiers);
    }

    public static TheoryData<string, RankShareTier[], string, string> InvalidShares => new()
    {
        { "shares below 100 %", [new("A", 20m), new("B", 70m)], "Tiers", PyramidTiering.SharesMustTotal100 },
        { "shares above 100 %", [new("A", 50m), new("B", 50.01m)], "Tiers", PyramidTiering.SharesMustTotal100 },
        { "no tiers", [], "Tiers", DomainErrorCodes.Required },
        { "zero share", [new("A", 0m), new("B", 100m)], "Tiers[0].SharePercent", DomainErrorCodes.MustBePositive },
        { "duplicate name", [new("A", 50m), new("A", 50m)], "Tiers[1].Name", DomainErrorCodes.Duplicate },
        { "blank name", [new("A", 50m), new("", 50m)], "Tiers[1].Name", DomainErrorCodes.Required },
    };

    [Theory]
    [MemberData(nameof(InvalidShares))]
    public void Invalid_rank_share_rules_are_refused(string name, RankShareTier[] tiers, string field, string code)
    {
        var result = PyramidTiering.ByRankShare(Customers("1,2"), tiers);

        Assert.False(result.IsSuccess, name);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void Customer_listed_twice_is_refused()
    {
        var result = PyramidTiering.ByRankShare([new(Id(1), 1m), new(Id(2), 2m), new(Id(1), 3m)], Abc);

        Assert.Equal("Customers[2].CustomerId", Assert.Single(result.Errors).Field);
    }

    private static readonly ThresholdTier[] Bands = [new("A", 1_000_000m), new("B", 100_000m), new("C", 0m)];

    [Theory]
    [InlineData(2_000_000, "A")]
    [InlineData(1_000_000, "A")] // bounds are inclusive
    [InlineData(999_999, "B")]
    [InlineData(100_000, "B")]
    [InlineData(5, "C")]
    [InlineData(0, "C")]
    [InlineData(-20, "C")]      // below the bottom bound: the bottom tier is the floor
    [InlineData(null, "C")]     // no data: bottom tier
    public void Threshold_tier_is_the_first_whose_lower_bound_is_reached(int? value, string expected)
    {
        var result = PyramidTiering.ByThresholds([new CustomerMetric(Id(1), value)], Bands).Value;

        Assert.Equal(expected, Assert.Single(result.Customers).Tier);
    }

    [Fact]
    public void Threshold_pyramid_summarizes_every_tier()
    {
        var result = PyramidTiering.ByThresholds(
            Customers("1500000,200000,300000,-,50,-10"), [new("A", 1_000_000m), new("B", 100_000m), new("C", null)]).Value;

        Assert.Equal(
            [new TierSummary("A", 1, 1_500_000m, 0), new TierSummary("B", 2, 500_000m, 0), new TierSummary("C", 3, 40m, 1)],
            result.Tiers);
        Assert.Equal(["A", "B", "C"], result.TierOrder);
    }

    public static TheoryData<string, ThresholdTier[], string, string> InvalidThresholds => new()
    {
        { "equal bounds overlap", [new("A", 100m), new("B", 100m)], "Tiers[1].LowerBound", DomainErrorCodes.NotOrdered },
        { "rising bounds", [new("A", 100m), new("B", 200m), new("C", null)], "Tiers[1].LowerBound", DomainErrorCodes.NotOrdered },
        { "missing bound above the bottom", [new("A", null), new("B", 0m)], "Tiers[0].LowerBound", DomainErrorCodes.Required },
        { "no tiers", [], "Tiers", DomainErrorCodes.Required },
        { "duplicate name", [new("A", 10m), new("A", 0m)], "Tiers[1].Name", DomainErrorCodes.Duplicate },
    };

    [Theory]
    [MemberData(nameof(InvalidThresholds))]
    public void Invalid_threshold_rules_are_refused(string name, ThresholdTier[] tiers, string field, string code)
    {
        var result = PyramidTiering.ByThresholds(Customers("1,2"), tiers);

        Assert.False(result.IsSuccess, name);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, code), (error.Field, error.Code));
    }
}
