using System.Globalization;

namespace CrmFlow.Crm.Domain.Sales;

/// <summary>
/// One opportunity's stay in a stage, from a stage-change record: when it entered and, if it has moved on (or was
/// won or lost), when it left. <paramref name="LeftAt"/> is null while the opportunity is still in the stage.
/// </summary>
public sealed record StageStay(string Stage, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt);

/// <summary>A stage of the sales mode, in funnel order, with its planned average duration in months.</summary>
public sealed record PlannedStage(string Stage, decimal PlannedMonths);

/// <summary>
/// The measured dwell time of one stage: the number of stays (of which still open), their mean length in months
/// (null when the stage has no stays), the planned months (null for a stage not in the plan) and
/// measured − planned (positive = slower than planned).
/// </summary>
public sealed record StageDwell(
    string Stage,
    int Stays,
    int OpenStays,
    decimal? AverageMonths,
    decimal? PlannedMonths,
    decimal? DeviationMonths);

/// <summary>
/// Measured average dwell time per stage versus the planned duration (the t_i of the quota calculation).
/// A closed stay lasts from entry to exit; an open stay counts up to "now", taken from the supplied
/// <see cref="TimeProvider"/>, so a stuck opportunity lengthens the average instead of hiding (an open stay
/// entered after "now" counts as zero). Months are mean Gregorian months (<see cref="CalendarMonths"/>); averages
/// keep full precision. Stages come out in plan order, followed by any stage found only in the records, in order of
/// first appearance. A stay that leaves before it enters is refused.
/// </summary>
public static class StageDwellTime
{
    public static DomainResult<IReadOnlyList<StageDwell>> Measure(
        IReadOnlyList<StageStay> stays,
        IReadOnlyList<PlannedStage> plan,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stays);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new List<DomainError>();
        for (var i = 0; i < stays.Count; i++)
        {
            if (stays[i].LeftAt is { } left && left < stays[i].EnteredAt)
            {
                errors.Add(new(
                    string.Create(CultureInfo.InvariantCulture, $"Stays[{i}].LeftAt"),
                    DomainErrorCodes.InvalidInterval,
                    "A stage stay cannot end before it starts."));
            }
        }

        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i].PlannedMonths < 0m)
            {
                errors.Add(new(
                    string.Create(CultureInfo.InvariantCulture, $"Plan[{i}].PlannedMonths"),
                    DomainErrorCodes.MustNotBeNegative,
                    "A planned stage duration cannot be negative."));
            }
        }

        return DomainResult.From(errors, () => Compute(stays, plan, time.GetUtcNow()));
    }

    private static IReadOnlyList<StageDwell> Compute(IReadOnlyList<StageStay> stays, IReadOnlyList<PlannedStage> plan, DateTimeOffset now)
    {
        var order = plan.Select(p => p.Stage)
            .Concat(stays.Select(s => s.Stage))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var planned = plan
            .GroupBy(p => p.Stage, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().PlannedMonths, StringComparer.Ordinal);
        var byStage = stays.ToLookup(s => s.Stage, StringComparer.Ordinal);
        return [.. order.Select(stage =>
        {
            var mine = byStage[stage].ToList();
            decimal? average = mine.Count == 0 ? null : mine.Sum(s => MonthsIn(s, now)) / mine.Count;
            decimal? plannedMonths = planned.TryGetValue(stage, out var p) ? p : null;
            return new StageDwell(
                stage,
                mine.Count,
                mine.Count(s => s.LeftAt is null),
                average,
                plannedMonths,
                average - plannedMonths);
        })];
    }

    private static decimal MonthsIn(StageStay stay, DateTimeOffset now)
    {
        var end = stay.LeftAt ?? now;
        return end <= stay.EnteredAt ? 0m : CalendarMonths.FromDuration(end - stay.EnteredAt);
    }
}
