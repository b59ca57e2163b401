using System.Globalization;

namespace CrmFlow.Crm.Domain.Sales;

/// <summary>The color of a funnel stage. <see cref="NoQuota"/> (shown gray) means the stage has no quota to meet.</summary>
public enum FunnelColor
{
    NoQuota = 0,
    Red = 1,
    Yellow = 2,
    Green = 3,
}

/// <summary>
/// What a stage's attainment is measured on. <see cref="Amount"/> is the default because the seed defines the
/// stage quota as a standard <i>amount</i> (阶段配额：标准销售金额) compared with the opportunities' amounts;
/// <see cref="Count"/> suits businesses whose deals are all about the same size.
/// </summary>
public enum FunnelBasis
{
    Amount = 0,
    Count = 1,
}

/// <summary>
/// Color thresholds as percentages of the quota: attainment ≥ <paramref name="GreenPercent"/> is green,
/// ≥ <paramref name="YellowPercent"/> is yellow, anything lower red. Defaults 100 % and 70 % (DOMAIN.md §3).
/// Valid when 0 &lt; yellow ≤ green; green may exceed 100 % for a business that wants headroom.
/// </summary>
public sealed record FunnelThresholds(decimal YellowPercent = 70m, decimal GreenPercent = 100m)
{
    public static FunnelThresholds Default { get; } = new();

    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        if (YellowPercent <= 0m)
        {
            errors.Add(new(nameof(YellowPercent), DomainErrorCodes.MustBePositive, "The yellow threshold must be greater than 0 %."));
        }

        if (GreenPercent < YellowPercent)
        {
            errors.Add(new(nameof(GreenPercent), DomainErrorCodes.NotOrdered, "The green threshold must be at least the yellow threshold."));
        }

        return errors;
    }

    public FunnelColor ColorOf(decimal attainmentPercent) =>
        attainmentPercent >= GreenPercent ? FunnelColor.Green
        : attainmentPercent >= YellowPercent ? FunnelColor.Yellow
        : FunnelColor.Red;
}

/// <summary>
/// One stage's quota (ideal count and amount, e.g. from <see cref="QuotaPlan"/> or entered by hand) and what is
/// actually in it now: the number of open opportunities in the stage and the sum of their expected amounts.
/// The quota is whatever the company stored for the stage (the exact L_i / Q_i or the rounded view); zero = none.
/// </summary>
public sealed record FunnelStageInput(string Stage, decimal QuotaCount, decimal QuotaAmount, int ActualCount, decimal ActualAmount);

/// <summary>
/// One colored stage. Both attainments are given (actual ÷ quota × 100, full precision); each is null when its
/// quota is zero. <see cref="AttainmentPercent"/> and <see cref="Color"/> follow the chosen <see cref="FunnelBasis"/>.
/// </summary>
public sealed record FunnelStage(
    string Stage,
    decimal QuotaCount,
    decimal QuotaAmount,
    int ActualCount,
    decimal ActualAmount,
    decimal? CountAttainmentPercent,
    decimal? AmountAttainmentPercent,
    decimal? AttainmentPercent,
    FunnelColor Color);

/// <summary>
/// The sales funnel (DOMAIN.md §3, seed 2.1.1.7): each stage's actual opportunities are compared with its quota and
/// colored red / yellow / green by <see cref="FunnelThresholds"/>. The comparison is by amount unless
/// <see cref="FunnelBasis.Count"/> is asked for. A zero quota on the chosen basis means "no quota" — the stage is
/// <see cref="FunnelColor.NoQuota"/> with no attainment — rather than a division by zero; the seed allows
/// companies not to set quotas at all. Negative quotas or actuals and invalid thresholds are refused.
/// </summary>
public static class SalesFunnel
{
    public static DomainResult<IReadOnlyList<FunnelStage>> Evaluate(
        IReadOnlyList<FunnelStageInput> stages,
        FunnelBasis basis = FunnelBasis.Amount,
        FunnelThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        thresholds ??= FunnelThresholds.Default;
        var errors = new List<DomainError>();
        errors.AddRange(thresholds.Validate().Select(e => e with { Field = "Thresholds." + e.Field }));
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"Stages[{i}].");
            AddIfNegative(errors, path + nameof(s.QuotaCount), s.QuotaCount);
            AddIfNegative(errors, path + nameof(s.QuotaAmount), s.QuotaAmount);
            AddIfNegative(errors, path + nameof(s.ActualCount), s.ActualCount);
            AddIfNegative(errors, path + nameof(s.ActualAmount), s.ActualAmount);
        }

        return DomainResult.From<IReadOnlyList<FunnelStage>>(errors, () => [.. stages.Select(s => ColorStage(s, basis, thresholds))]);
    }

    private static FunnelStage ColorStage(FunnelStageInput s, FunnelBasis basis, FunnelThresholds thresholds)
    {
        var byCount = Attainment(s.ActualCount, s.QuotaCount);
        var byAmount = Attainment(s.ActualAmount, s.QuotaAmount);
        var chosen = basis == FunnelBasis.Count ? byCount : byAmount;
        var color = chosen is { } percent ? thresholds.ColorOf(percent) : FunnelColor.NoQuota;
        return new FunnelStage(s.Stage, s.QuotaCount, s.QuotaAmount, s.ActualCount, s.ActualAmount, byCount, byAmount, chosen, color);
    }

    private static decimal? Attainment(decimal actual, decimal quota) => quota == 0m ? null : actual / quota * 100m;

    private static void AddIfNegative(List<DomainError> errors, string field, decimal value)
    {
        if (value < 0m)
        {
            errors.Add(new(field, DomainErrorCodes.MustNotBeNegative, "The value cannot be negative."));
        }
    }
}
