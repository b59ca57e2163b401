namespace CrmFlow.Crm.Domain.ValuePyramid;

/// <summary>
/// The period a pyramid is computed over, [<paramref name="From"/>, <paramref name="To"/>). The default is the
/// twelve calendar months ending at the computation instant (the seed computes over a year of transactions).
/// </summary>
public sealed record AnalysisPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static AnalysisPeriod LastTwelveMonths(DateTimeOffset endingAt) => new(endingAt.AddMonths(-12), endingAt);

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    /// <summary>Calendar months in the period (see <see cref="CalendarMonths.Between"/>); 12 for the default period.</summary>
    public decimal LengthInMonths => CalendarMonths.Between(From, To);
}

/// <summary>
/// The data coverage shown with every pyramid result (DOMAIN.md §2: about half a year of history is needed for a
/// meaningful pyramid). <see cref="FirstDataAt"/> / <see cref="LastDataAt"/> are the earliest and latest record
/// dates inside the period (null when there are none); <see cref="CoveredMonths"/> is the history actually available,
/// from the first record to the end of the period, in calendar months. <see cref="IsShortHistory"/> warns when that
/// is less than <see cref="MinimumMonths"/> calendar months (or there are no records at all).
/// <see cref="CustomersWithoutData"/> counts the customers with no transactions in the period (they sit in the bottom
/// tier of the pyramid).
/// </summary>
public sealed record PeriodCoverage(
    AnalysisPeriod Period,
    DateTimeOffset? FirstDataAt,
    DateTimeOffset? LastDataAt,
    decimal CoveredMonths,
    bool IsShortHistory,
    int CustomersWithoutData)
{
    public const int MinimumMonths = 6;

    /// <summary>
    /// Measures coverage from the dates of the records the pyramid used (orders, receipts, activities…); dates
    /// outside the period are ignored. Refuses a period that does not end after it starts and a negative count.
    /// </summary>
    public static DomainResult<PeriodCoverage> Measure(AnalysisPeriod period, IEnumerable<DateTimeOffset> recordDates, int customersWithoutData = 0)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(recordDates);
        var errors = new List<DomainError>();
        if (period.To <= period.From)
        {
            errors.Add(new("Period.To", DomainErrorCodes.InvalidInterval, "The period must end after it starts."));
        }

        if (customersWithoutData < 0)
        {
            errors.Add(new("CustomersWithoutData", DomainErrorCodes.MustNotBeNegative, "The count cannot be negative."));
        }

        return DomainResult.From(errors, () =>
        {
            DateTimeOffset? first = null;
            DateTimeOffset? last = null;
            foreach (var date in recordDates.Where(period.Contains))
            {
                first = first is null || date < first ? date : first;
                last = last is null || date > last ? date : last;
            }

            var covered = first is { } f ? CalendarMonths.Between(f, period.To) : 0m;
            var isShort = first is not { } start || start > period.To.AddMonths(-MinimumMonths);
            return new PeriodCoverage(period, first, last, covered, isShort, customersWithoutData);
        });
    }
}
