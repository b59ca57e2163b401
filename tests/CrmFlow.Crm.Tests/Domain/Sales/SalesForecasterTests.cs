using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Sales;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.Crm.Tests.Domain.Sales;

public class SalesForecasterTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static ForecastOpportunity Opp(int id, decimal amount, string closeDate, decimal probability) =>
        new(new Guid(id, 0, 0, new byte[8]), amount, DateOnly.ParseExact(closeDate, "yyyy-MM-dd"), probability);

    private static readonly ForecastOpportunity[] Pipeline =
    [
        Opp(1, 100_000m, "2026-11-30", 0.5m),
        Opp(2, 50_000m, "2026-11-02", 0.2m),   // earlier this month: still this month, not overdue
        Opp(3, 80_000m, "2027-01-15", 0.25m),
        Opp(4, 30_000m, "2026-10-31", 0.9m),   // overdue
        Opp(5, 40_000m, "2027-02-01", 1m),     // beyond a three-month horizon
        Opp(6, 10_000m, "2026-09-01", 0m),     // overdue
    ];

    [Theory]
    [InlineData(0, "2026-11-01", 2, 150_000, 60_000)]
    [InlineData(1, "2026-12-01", 0, 0, 0)]
    [InlineData(2, "2027-01-01", 1, 80_000, 20_000)]
    public void Each_month_of_the_horizon_sums_unweighted_and_weighted_amounts(
        int index, string month, int count, int amount, int weighted)
    {
        var forecast = SalesForecaster.Forecast(Pipeline, Today, 3).Value;

        Assert.Equal(3, forecast.Months.Count);
        var m = forecast.Months[index];
        Assert.Equal(DateOnly.ParseExact(month, "yyyy-MM-dd"), m.Month);
        Assert.Equal(new ForecastTotals(count, amount, weighted), m.Totals);
    }

    [Fact]
    public void Overdue_and_beyond_horizon_opportunities_are_reported_not_dropped()
    {
        var forecast = SalesForecaster.Forecast(Pipeline, Today, 3).Value;

        Assert.Equal(new ForecastTotals(2, 40_000m, 27_000m), forecast.Overdue);
        Assert.Equal([Pipeline[5].OpportunityId, Pipeline[3].OpportunityId], forecast.OverdueOpportunityIds);
        Assert.Equal(new ForecastTotals(1, 40_000m, 40_000m), forecast.BeyondHorizon);
        Assert.Equal(Pipeline.Length, forecast.HorizonTotals.Count + forecast.Overdue.Count + forecast.BeyondHorizon.Count);
        Assert.Equal(new ForecastTotals(3, 230_000m, 80_000m), forecast.HorizonTotals);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(12, 0)]
    public void Longer_horizon_takes_in_later_months(int horizon, int beyondHorizon)
    {
        var forecast = SalesForecaster.Forecast(Pipeline, Today, horizon).Value;

        Assert.Equal(horizon, forecast.Months.Count);
        Assert.Equal(new DateOnly(2026, 11, 1).AddMonths(horizon - 1), forecast.Months[^1].Month);
        Assert.Equal(Pipeline.Length - forecast.Overdue.Count, forecast.HorizonTotals.Count + forecast.BeyondHorizon.Count);
        Assert.Equal(beyondHorizon, forecast.BeyondHorizon.Count);
    }

    [Fact]
    public void Empty_pipeline_gives_zero_months()
    {
        var forecast = SalesForecaster.Forecast([], Today, 2).Value;

        Assert.All(forecast.Months, m => Assert.Equal(ForecastTotals.Empty, m.Totals));
        Assert.Equal(ForecastTotals.Empty, forecast.Overdue);
        Assert.Empty(forecast.OverdueOpportunityIds);
    }

    [Fact]
    public void Current_month_comes_from_the_clock_in_the_business_time_zone()
    {
        // 20:00 UTC on 30 November is already 1 December in UTC+8.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));
        var utcPlus8 = TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");

        var forecast = SalesForecaster.Forecast(Pipeline, clock, utcPlus8, 1).Value;

        Assert.Equal(new DateOnly(2026, 12, 1), Assert.Single(forecast.Months).Month);
        Assert.Equal(4, forecast.Overdue.Count); // the November deals are now overdue
    }

    [Theory]
    [InlineData(0, 1, 0.5, "HorizonMonths", DomainErrorCodes.MustBePositive)]
    [InlineData(3, -1, 0.5, "Opportunities[0].ExpectedAmount", DomainErrorCodes.MustNotBeNegative)]
    [InlineData(3, 1, -0.1, "Opportunities[0].WinProbability", DomainErrorCodes.OutOfRange)]
    [InlineData(3, 1, 1.01, "Opportunities[0].WinProbability", DomainErrorCodes.OutOfRange)]
    public void Invalid_input_is_refused(int horizon, int amount, double probability, string field, string code)
    {
        var result = SalesForecaster.Forecast([Opp(1, amount, "2026-12-01", (decimal)probability)], Today, horizon);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
    }
}
