using System.Globalization;

namespace CrmFlow.Crm.Domain.Sales;

/// <summary>Whether a sales target is for a year or for a month.</summary>
public enum TargetPeriod
{
    Monthly = 0,
    Annual = 1,
}

/// <summary>
/// A sales target for a company, department or person. An annual target is spread evenly:
/// the monthly target is <c>Amount / 12</c> (seed: 将销售额转化为月销售任务).
/// </summary>
public sealed record SalesTarget(decimal Amount, TargetPeriod Period)
{
    public static SalesTarget Annual(decimal amount) => new(amount, TargetPeriod.Annual);

    public static SalesTarget Monthly(decimal amount) => new(amount, TargetPeriod.Monthly);

    public decimal MonthlyAmount => Period == TargetPeriod.Annual ? Amount / 12m : Amount;
}

/// <summary>
/// One stage of a sales mode, in funnel order: its average duration in months (≥ 0) and its conversion,
/// the share of opportunities leaving it that reach the next stage, in (0, 1]; the last stage's conversion
/// is the win rate. Conversion defaults to 1 (nobody drops out), which is the seed's calculation.
/// </summary>
public sealed record QuotaStageInput(string Name, decimal AverageMonths, decimal Conversion = 1m);

/// <summary>The inputs of the assisted quota calculation (seed: 销售配额确定说明).</summary>
public sealed record QuotaInput(SalesTarget Target, decimal AverageDealSize, IReadOnlyList<QuotaStageInput> Stages);

/// <summary>
/// The ideal load of one stage, at full decimal precision: <see cref="ArrivalsPerMonth"/> = λ_i,
/// <see cref="IdealCount"/> = L_i = λ_i · t_i and <see cref="IdealAmount"/> = Q_i = L_i · D.
/// </summary>
public sealed record StageQuota(
    string Name,
    decimal AverageMonths,
    decimal Conversion,
    decimal ArrivalsPerMonth,
    decimal IdealCount,
    decimal IdealAmount);

/// <summary>
/// A stage quota for display: counts are whole opportunities rounded <b>up</b> (a manager cannot hold half an
/// opportunity, and holding fewer than the ideal misses the plan), amounts are rounded to cents half away from zero.
/// Counts stay <see cref="decimal"/> (whole numbers) so no plan, however large, can overflow.
/// </summary>
public sealed record RoundedStageQuota(string Name, decimal ArrivalsPerMonth, decimal IdealCount, decimal IdealAmount);

/// <summary>The display view of a <see cref="QuotaPlan"/>; see <see cref="QuotaPlan.Rounded"/>.</summary>
public sealed record RoundedQuotaPlan(
    decimal MonthlyTarget,
    decimal DealsToWinPerMonth,
    IReadOnlyList<RoundedStageQuota> Stages,
    decimal NewCustomersPerMonth,
    decimal PipelineCount,
    decimal PipelineAmount);

/// <summary>
/// The result of the quota calculation, at full decimal precision: nothing is rounded beyond decimal's own 28–29
/// significant digits, so it can be stored and re-displayed without drift; use <see cref="Rounded"/> for display. <see cref="NewCustomersPerMonth"/> is λ_1, the arrivals the first stage needs;
/// <see cref="PipelineCount"/> and <see cref="PipelineAmount"/> are Σ L_i and Σ Q_i.
/// </summary>
public sealed record QuotaPlan(
    decimal MonthlyTarget,
    decimal AverageDealSize,
    decimal DealsToWinPerMonth,
    IReadOnlyList<StageQuota> Stages,
    decimal NewCustomersPerMonth,
    decimal PipelineCount,
    decimal PipelineAmount)
{
    /// <summary>
    /// Decimals kept before a count is rounded up, so division noise such as 2.0000000000000000000000000001
    /// does not turn into an extra opportunity.
    /// </summary>
    public const int CountNoiseDecimals = 6;

    /// <summary>
    /// The display view. Counts (λ_i, L_i, N, λ_1) are rounded up to whole opportunities after dropping noise
    /// below <see cref="CountNoiseDecimals"/> decimals; the pipeline count is the sum of the rounded stage counts
    /// so the column adds up. Amounts keep the exact Q_i (not rounded count · D) rounded to cents, and the pipeline
    /// amount is the exact Σ Q_i rounded to cents.
    /// </summary>
    public RoundedQuotaPlan Rounded()
    {
        var stages = Stages
            .Select(s => new RoundedStageQuota(s.Name, RoundUp(s.ArrivalsPerMonth), RoundUp(s.IdealCount), Cents(s.IdealAmount)))
            .ToList();
        return new RoundedQuotaPlan(
            Cents(MonthlyTarget),
            RoundUp(DealsToWinPerMonth),
            stages,
            RoundUp(NewCustomersPerMonth),
            stages.Sum(s => s.IdealCount),
            Cents(PipelineAmount));
    }

    private static decimal RoundUp(decimal count) => Math.Ceiling(Math.Round(count, CountNoiseDecimals, MidpointRounding.AwayFromZero));

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The assisted stage-quota calculation (DOMAIN.md §3, seed 2.1.1.3), by Little's law.
/// With monthly target M and average deal size D the deals to win per month are N = M / D. Working back from
/// the last stage, the arrival rate into stage i is λ_i = N / (c_i · c_{i+1} · … · c_k); the ideal number of
/// opportunities sitting in the stage is L_i = λ_i · t_i and its ideal quota amount Q_i = L_i · D.
/// The ideal number of new customers to bring in per month is λ_1. Invalid input is refused with one
/// <see cref="DomainError"/> per offending field.
/// </summary>
public static class QuotaCalculator
{
    public static DomainResult<QuotaPlan> Compute(QuotaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        return DomainResult.From(errors, () => Calculate(input));
    }

    private static List<DomainError> Validate(QuotaInput input)
    {
        var errors = new List<DomainError>();
        if (input.Target is null)
        {
            errors.Add(new("Target", DomainErrorCodes.Required, "A sales target is required."));
        }
        else if (input.Target.Amount <= 0m)
        {
            errors.Add(new("Target.Amount", DomainErrorCodes.MustBePositive, "The sales target must be greater than zero."));
        }

        if (input.AverageDealSize <= 0m)
        {
            errors.Add(new("AverageDealSize", DomainErrorCodes.MustBePositive, "The average deal size must be greater than zero."));
        }

        if (input.Stages is null || input.Stages.Count == 0)
        {
            errors.Add(new("Stages", DomainErrorCodes.Required, "At least one sales stage is required."));
            return errors;
        }

        for (var i = 0; i < input.Stages.Count; i++)
        {
            var stage = input.Stages[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"Stages[{i}]");
            if (stage is null)
            {
                errors.Add(new(path, DomainErrorCodes.Required, "The stage is missing."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(stage.Name))
            {
                errors.Add(new(path + ".Name", DomainErrorCodes.Required, "The stage needs a name."));
            }

            if (stage.AverageMonths < 0m)
            {
                errors.Add(new(path + ".AverageMonths", DomainErrorCodes.MustNotBeNegative, "The average stage duration cannot be negative."));
            }

            if (stage.Conversion <= 0m || stage.Conversion > 1m)
            {
                errors.Add(new(path + ".Conversion", DomainErrorCodes.OutOfRange, "The conversion must be greater than 0 and at most 1."));
            }
        }

        return errors;
    }

    private static QuotaPlan Calculate(QuotaInput input)
    {
        var monthly = input.Target.MonthlyAmount;
        var deal = input.AverageDealSize;
        var wins = monthly / deal;
        var stages = new StageQuota[input.Stages.Count];
        var survival = 1m; // c_i · c_{i+1} · … · c_k, built from the last stage backwards
        for (var i = input.Stages.Count - 1; i >= 0; i--)
        {
            var stage = input.Stages[i];
            survival *= stage.Conversion;
            var arrivals = wins / survival;
            var count = arrivals * stage.AverageMonths;
            stages[i] = new StageQuota(stage.Name, stage.AverageMonths, stage.Conversion, arrivals, count, count * deal);
        }

        return new QuotaPlan(
            monthly,
            deal,
            wins,
            stages,
            stages[0].ArrivalsPerMonth,
            stages.Sum(s => s.IdealCount),
            stages.Sum(s => s.IdealAmount));
    }
}
