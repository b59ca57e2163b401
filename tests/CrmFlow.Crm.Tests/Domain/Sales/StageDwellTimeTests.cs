using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Sales;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.Crm.Tests.Domain.Sales;

public class StageDwellTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A mean Gregorian month (30.436875 days) is a whole number of ticks, so these durations are exact.
    private static DateTimeOffset After(decimal months) => Start.AddTicks((long)(months * 26_297_460_000_000m));

    private static FakeTimeProvider ClockAt(decimal months) => new(After(months));

    [Fact]
    public void Closed_stays_average_their_lengths_and_compare_with_the_plan()
    {
        StageStay[] stays =
        [
            new("Qualify", Start, After(0.5m)),
            new("Qualify", After(1m), After(2m)),
            new("Propose", After(0.5m), After(2.5m)),
        ];

        var dwell = StageDwellTime.Measure(stays, [new("Qualify", 0.5m), new("Propose", 1m)], ClockAt(10m)).Value;

        Assert.Equal(["Qualify", "Propose"], dwell.Select(d => d.Stage));
        Assert.Equal([0.75m, 2m], dwell.Select(d => d.AverageMonths));
        Assert.Equal([0.25m, 1m], dwell.Select(d => d.DeviationMonths));
        Assert.Equal([2, 1], dwell.Select(d => d.Stays));
        Assert.All(dwell, d => Assert.Equal(0, d.OpenStays));
    }

    [Theory]
    [InlineData(3, 2.0)] // closed 1 month + open 3 months → 2
    [InlineData(5, 3.0)] // the open stay keeps growing with "now"
    public void Open_stays_count_up_to_now(int nowMonths, double expectedAverage)
    {
        StageStay[] stays = [new("Propose", Start, After(1m)), new("Propose", Start, null)];

        var dwell = Assert.Single(StageDwellTime.Measure(stays, [new("Propose", 1m)], ClockAt(nowMonths)).Value);

        Assert.Equal((decimal)expectedAverage, dwell.AverageMonths);
        Assert.Equal(1, dwell.OpenStays);
    }

    [Fact]
    public void Open_stay_entered_after_now_counts_as_zero()
    {
        var dwell = Assert.Single(StageDwellTime.Measure([new("Propose", After(2m), null)], [], ClockAt(1m)).Value);

        Assert.Equal(0m, dwell.AverageMonths);
    }

    [Fact]
    public void Planned_stage_without_stays_and_unplanned_stage_are_both_reported()
    {
        var dwell = StageDwellTime.Measure([new("Legacy", Start, After(1m))], [new("Qualify", 0.5m)], ClockAt(2m)).Value;

        Assert.Equal(
            [new StageDwell("Qualify", 0, 0, null, 0.5m, null), new StageDwell("Legacy", 1, 0, 1m, null, null)],
            dwell);
    }

    [Fact]
    public void Stay_leaving_before_it_enters_is_refused()
    {
        var result = StageDwellTime.Measure(
            [new("Qualify", Start, After(1m)), new("Qualify", After(1m), Start)], [new("Qualify", -1m)], ClockAt(2m));

        Assert.Equal(["Stays[1].LeftAt", "Plan[0].PlannedMonths"], result.Errors.Select(e => e.Field));
        Assert.Equal([DomainErrorCodes.InvalidInterval, DomainErrorCodes.MustNotBeNegative], result.Errors.Select(e => e.Code));
    }
}
