namespace CrmFlow.Crm.Domain;

/// <summary>
/// Converts elapsed time to months for stage durations and coverage: one month is the mean Gregorian month,
/// 365.2425 / 12 = 30.436875 days, so a duration in months does not depend on which months it spans.
/// </summary>
public static class CalendarMonths
{
    public const decimal DaysPerMonth = 30.436875m;

    public static decimal FromDuration(TimeSpan duration) => (decimal)duration.Ticks / TimeSpan.TicksPerDay / DaysPerMonth;

    /// <summary>
    /// Whole calendar months from <paramref name="from"/> to <paramref name="to"/> (the largest k with
    /// <c>from.AddMonths(k) ≤ to</c>) plus the remainder as a fraction of the month from <c>from.AddMonths(k)</c> to
    /// <c>from.AddMonths(k + 1)</c>, so the result is below k + 1 until that month is complete; zero when
    /// <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public static decimal Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0m;
        }

        to = to.ToOffset(from.Offset); // count calendar months on one wall clock
        var whole = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        while (whole > 0 && from.AddMonths(whole) > to)
        {
            whole--;
        }

        var monthStart = from.AddMonths(whole);
        var monthLength = from.AddMonths(whole + 1) - monthStart;
        return whole + ((decimal)(to - monthStart).Ticks / monthLength.Ticks);
    }
}
