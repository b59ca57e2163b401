using System.Globalization;

namespace CrmFlow.Crm.Domain.Sales;

/// <summary>
/// An open opportunity as the forecast sees it: its expected amount (≥ 0), expected close date and the win
/// probability of its current stage, in [0, 1].
/// </summary>
public sealed record ForecastOpportunity(Guid OpportunityId, decimal ExpectedAmount, DateOnly ExpectedCloseDate, decimal WinProbability);

/// <summary>
/// A group of opportunities: how many, their expected amounts summed (unweighted) and summed after weighting
/// each by its win probability. Full decimal precision.
/// </summary>
public sealed record ForecastTotals(int Count, decimal Amount, decimal WeightedAmount)
{
    public static ForecastTotals Empty { get; } = new(0, 0m, 0m);

    public static ForecastTotals Of(IEnumerable<ForecastOpportunity> opportunities)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        var count = 0;
        var amount = 0m;
        var weighted = 0m;
        foreach (var o in opportunities)
        {
            count++;
            amount += o.ExpectedAmount;
            weighted += o.ExpectedAmount * o.WinProbability;
        }

        return new ForecastTotals(count, amount, weighted);
    }
}

/// <summary>The forecast for one calendar month; <paramref name="Month"/> is its first day.</summary>
public sealed record ForecastMonth(DateOnly Month, ForecastTotals Totals);

/// <summary>
/// A sales forecast. <see cref="Months"/> holds every month of the horizon in order, empty months as zero.
/// Opportunities whose expected close date is before the current month are <see cref="Overdue"/> (listed, so the
/// owners can re-date them); those after the horizon are <see cref="BeyondHorizon"/>. Nothing is dropped:
/// the three groups together cover every open opportunity given.
/// </summary>
public sealed record SalesForecast(
    IReadOnlyList<ForecastMonth> Months,
    ForecastTotals Overdue,
    IReadOnlyList<Guid> OverdueOpportunityIds,
    ForecastTotals BeyondHorizon)
{
    public ForecastTotals HorizonTotals => new(
        Months.Sum(m => m.Totals.Count),
        Months.Sum(m => m.Totals.Amount),
        Months.Sum(m => m.Totals.WeightedAmount));
}

/// <summary>
/// The sales forecast (DOMAIN.md §3, seed 销售预测): expected revenue per month from open opportunities'
/// expected amounts and close dates, both unweighted (the seed) and weighted by stage win probability.
/// The horizon starts with the current month — the month containing <c>today</c>, so a deal expected later this
/// month, or earlier this month but not yet closed, counts in it — and runs for <c>horizonMonths</c> months.
/// "Today" is a calendar date in the business's time zone; the <see cref="TimeProvider"/> overload derives it.
/// Refused: horizon below 1, a negative amount, a probability outside [0, 1].
/// </summary>
public static class SalesForecaster
{
    public static DomainResult<SalesForecast> Forecast(
        IReadOnlyList<ForecastOpportunity> opportunities,
        TimeProvider time,
        TimeZoneInfo businessTimeZone,
        int horizonMonths)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(businessTimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), businessTimeZone).DateTime);
        return Forecast(opportunities, today, horizonMonths);
    }

    public static DomainResult<SalesForecast> Forecast(IReadOnlyList<ForecastOpportunity> opportunities, DateOnly today, int horizonMonths)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        var errors = new List<DomainError>();
        if (horizonMonths < 1)
        {
            errors.Add(new("HorizonMonths", DomainErrorCodes.MustBePositive, "The forecast needs at least one month."));
        }

        for (var i = 0; i < opportunities.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"Opportunities[{i}].");
            if (opportunities[i].ExpectedAmount < 0m)
            {
                errors.Add(new(path + nameof(ForecastOpportunity.ExpectedAmount), DomainErrorCodes.MustNotBeNegative, "The expected amount cannot be negative."));
            }

            if (opportunities[i].WinProbability is < 0m or > 1m)
            {
                errors.Add(new(path + nameof(ForecastOpportunity.WinProbability), DomainErrorCodes.OutOfRange, "The win probability must be between 0 and 1."));
            }
        }

        return DomainResult.From(errors, () => Compute(opportunities, today, horizonMonths));
    }

    private static SalesForecast Compute(IReadOnlyList<ForecastOpportunity> opportunities, DateOnly today, int horizonMonths)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        var end = first.AddMonths(horizonMonths);
        var overdue = opportunities.Where(o => o.ExpectedCloseDate < first).ToList();
        var byMonth = opportunities
            .Where(o => o.ExpectedCloseDate >= first && o.ExpectedCloseDate < end)
            .ToLookup(o => new DateOnly(o.ExpectedCloseDate.Year, o.ExpectedCloseDate.Month, 1));
        var months = Enumerable.Range(0, horizonMonths)
            .Select(i => first.AddMonths(i))
            .Select(m => new ForecastMonth(m, ForecastTotals.Of(byMonth[m])))
            .ToList();
        return new SalesForecast(
            months,
            ForecastTotals.Of(overdue),
            [.. overdue.OrderBy(o => o.ExpectedCloseDate).ThenBy(o => o.OpportunityId).Select(o => o.OpportunityId)],
            ForecastTotals.Of(opportunities.Where(o => o.ExpectedCloseDate >= end)));
    }
}
