using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.ValuePyramid;

namespace CrmFlow.Crm.Tests.Domain.ValuePyramid;

public class PeriodCoverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Default_period_is_the_twelve_months_ending_now()
    {
        var period = AnalysisPeriod.LastTwelveMonths(Now);

        Assert.Equal(At("2025-11-26T12:00:00Z"), period.From);
        Assert.Equal(Now, period.To);
        Assert.Equal(12m, period.LengthInMonths);
        Assert.True(period.Contains(period.From));
        Assert.False(period.Contains(period.To));
    }

    [Theory]
    [InlineData("2025-11-26T12:00:00Z", 12, false)]
    [InlineData("2026-03-26T12:00:00Z", 8, false)]
    [InlineData("2026-05-26T12:00:00Z", 6, false)] // exactly half a year: enough
    [InlineData("2026-05-26T12:00:01Z", 5.9999996, true)] // 5 months + (31 days − 1 s) / 31 days
    [InlineData("2026-08-26T12:00:00Z", 3, true)]
    public void History_shorter_than_six_months_is_flagged(string firstRecord, double coveredMonths, bool isShort)
    {
        var coverage = PeriodCoverage.Measure(AnalysisPeriod.LastTwelveMonths(Now), [At("2026-10-01T00:00:00Z"), At(firstRecord)], 3).Value;

        Assert.Equal(At(firstRecord), coverage.FirstDataAt);
        Assert.Equal(At("2026-10-01T00:00:00Z"), coverage.LastDataAt);
        Assert.Equal((decimal)coveredMonths, Math.Round(coverage.CoveredMonths, 7));
        Assert.Equal(isShort, coverage.IsShortHistory);
        Assert.Equal(3, coverage.CustomersWithoutData);
    }

    [Fact]
    public void Records_outside_the_period_are_ignored()
    {
        var coverage = PeriodCoverage.Measure(
            AnalysisPeriod.LastTwelveMonths(Now),
            [At("2020-01-01T00:00:00Z"), At("2026-09-01T00:00:00Z"), At("2026-11-26T12:00:00Z"), At("2027-01-01T00:00:00Z")]).Value;

        Assert.Equal((At("2026-09-01T00:00:00Z"), At("2026-09-01T00:00:00Z")), (coverage.FirstDataAt!.Value, coverage.LastDataAt!.Value));
        Assert.True(coverage.IsShortHistory);
    }

    [Fact]
    public void No_records_at_all_is_short_history()
    {
        var coverage = PeriodCoverage.Measure(AnalysisPeriod.LastTwelveMonths(Now), []).Value;

        Assert.Null(coverage.FirstDataAt);
        Assert.Null(coverage.LastDataAt);
        Assert.Equal(0m, coverage.CoveredMonths);
        Assert.True(coverage.IsShortHistory);
    }

    [Theory]
    [InlineData("2026-11-26T12:00:00Z", "2026-11-26T12:00:00Z", 0, "Period.To", DomainErrorCodes.InvalidInterval)]
    [InlineData("2026-11-26T12:00:00Z", "2026-01-01T00:00:00Z", 0, "Period.To", DomainErrorCodes.InvalidInterval)]
    [InlineData("2026-01-01T00:00:00Z", "2026-11-26T12:00:00Z", -1, "CustomersWithoutData", DomainErrorCodes.MustNotBeNegative)]
    public void Invalid_input_is_refused(string from, string to, int withoutData, string field, string code)
    {
        var error = Assert.Single(PeriodCoverage.Measure(new AnalysisPeriod(At(from), At(to)), [], withoutData).Errors);

        Assert.Equal((field, code), (error.Field, error.Code));
    }
}
