using System.Globalization;
using CrmFlow.Crm.Domain;

namespace CrmFlow.Crm.Tests.Domain;

public class CalendarMonthsTests
{
    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z", 3)]
    [InlineData("2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", 1)]           // month-end clamps like AddMonths
    [InlineData("2026-01-01T00:00:00Z", "2026-01-16T12:00:00Z", 0.5)]         // 15.5 of January's 31 days
    [InlineData("2026-03-01T00:00:00Z", "2026-04-16T00:00:00Z", 1.5)]         // 1 month + 15 of April's 30 days
    [InlineData("2025-10-26T12:00:00Z", "2026-11-26T12:00:00Z", 13)]
    [InlineData("2026-03-01T00:00:00+08:00", "2026-05-31T16:00:00Z", 3)]      // offsets are compared on one clock
    [InlineData("2026-06-01T00:00:00Z", "2026-03-01T00:00:00Z", 0)]
    public void Calendar_months_count_whole_months_then_the_fraction_of_the_next(string from, string to, double months) =>
        Assert.Equal((decimal)months, Math.Round(CalendarMonths.Between(At(from), At(to)), 6));

    [Theory]
    [InlineData(30.436875, 1)]
    [InlineData(365.2425, 12)]
    [InlineData(0, 0)]
    public void Durations_convert_at_the_mean_gregorian_month(double days, int months) =>
        Assert.Equal(months, CalendarMonths.FromDuration(TimeSpan.FromDays(days)));
}
