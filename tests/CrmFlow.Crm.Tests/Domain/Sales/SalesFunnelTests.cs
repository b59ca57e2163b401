using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Sales;

namespace CrmFlow.Crm.Tests.Domain.Sales;

public class SalesFunnelTests
{
    [Theory]
    [InlineData(100_000, 100_000, FunnelColor.Green, 100)]
    [InlineData(100_000, 120_000, FunnelColor.Green, 120)]
    [InlineData(100_000, 99_999, FunnelColor.Yellow, 99.999)]
    [InlineData(100_000, 70_000, FunnelColor.Yellow, 70)]
    [InlineData(100_000, 69_999, FunnelColor.Red, 69.999)]
    [InlineData(100_000, 0, FunnelColor.Red, 0)]
    [InlineData(300_000, 200_000, FunnelColor.Red, 66.6666666667)]
    public void Stage_is_colored_by_amount_attainment_with_default_thresholds(
        int quotaAmount, int actualAmount, FunnelColor expected, double percent)
    {
        var stage = Assert.Single(SalesFunnel.Evaluate([new FunnelStageInput("Proposal", 1m, quotaAmount, 1, actualAmount)]).Value);

        Assert.Equal(expected, stage.Color);
        Assert.Equal((decimal)percent, stage.AttainmentPercent!.Value, 10);
        Assert.Equal(stage.AmountAttainmentPercent, stage.AttainmentPercent);
    }

    [Theory]
    [InlineData(FunnelBasis.Amount, FunnelColor.Red, 20)]
    [InlineData(FunnelBasis.Count, FunnelColor.Yellow, 70)]
    public void Basis_chooses_whether_count_or_amount_drives_the_color(FunnelBasis basis, FunnelColor expected, int percent)
    {
        // 7 of 10 opportunities are there, but they are small: 20,000 of a 100,000 quota.
        var stage = Assert.Single(SalesFunnel.Evaluate([new FunnelStageInput("Qualify", 10m, 100_000m, 7, 20_000m)], basis).Value);

        Assert.Equal(expected, stage.Color);
        Assert.Equal(percent, stage.AttainmentPercent);
        Assert.Equal(70m, stage.CountAttainmentPercent);
        Assert.Equal(20m, stage.AmountAttainmentPercent);
    }

    [Theory]
    [InlineData(FunnelBasis.Amount, 0, 0, 3, 50_000)]
    [InlineData(FunnelBasis.Amount, 5, 0, 3, 50_000)]
    [InlineData(FunnelBasis.Count, 0, 100_000, 0, 0)]
    public void Zero_quota_means_no_quota_not_a_division_by_zero(FunnelBasis basis, int quotaCount, int quotaAmount, int actualCount, int actualAmount)
    {
        var stage = Assert.Single(SalesFunnel.Evaluate([new FunnelStageInput("Won", quotaCount, quotaAmount, actualCount, actualAmount)], basis).Value);

        Assert.Equal(FunnelColor.NoQuota, stage.Color);
        Assert.Null(stage.AttainmentPercent);
    }

    [Theory]
    [InlineData(50, 90, 49, FunnelColor.Red)]
    [InlineData(50, 90, 50, FunnelColor.Yellow)]
    [InlineData(50, 90, 89, FunnelColor.Yellow)]
    [InlineData(50, 90, 90, FunnelColor.Green)]
    [InlineData(80, 80, 79, FunnelColor.Red)]
    [InlineData(80, 80, 80, FunnelColor.Green)]
    [InlineData(100, 120, 110, FunnelColor.Yellow)]
    public void Thresholds_are_configurable(int yellow, int green, int actualAmount, FunnelColor expected)
    {
        var stage = Assert.Single(SalesFunnel.Evaluate(
            [new FunnelStageInput("Negotiate", 1m, 100m, 1, actualAmount)], FunnelBasis.Amount, new FunnelThresholds(yellow, green)).Value);

        Assert.Equal(expected, stage.Color);
    }

    [Theory]
    [InlineData(0, 100, "Thresholds.YellowPercent", DomainErrorCodes.MustBePositive)]
    [InlineData(-5, 100, "Thresholds.YellowPercent", DomainErrorCodes.MustBePositive)]
    [InlineData(80, 70, "Thresholds.GreenPercent", DomainErrorCodes.NotOrdered)]
    public void Invalid_thresholds_are_refused(int yellow, int green, string field, string code)
    {
        var result = SalesFunnel.Evaluate([new FunnelStageInput("S", 1m, 1m, 1, 1m)], FunnelBasis.Amount, new FunnelThresholds(yellow, green));

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, "Stages[1].QuotaCount")]
    [InlineData(0, -1, 0, 0, "Stages[1].QuotaAmount")]
    [InlineData(0, 0, -1, 0, "Stages[1].ActualCount")]
    [InlineData(0, 0, 0, -1, "Stages[1].ActualAmount")]
    public void Negative_quotas_or_actuals_are_refused(int quotaCount, int quotaAmount, int actualCount, int actualAmount, string field)
    {
        var result = SalesFunnel.Evaluate(
            [new FunnelStageInput("ok", 1m, 1m, 1, 1m), new FunnelStageInput("bad", quotaCount, quotaAmount, actualCount, actualAmount)]);

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Funnel_from_a_quota_plan_keeps_stage_order()
    {
        var plan = QuotaCalculator.Compute(new QuotaInput(
            SalesTarget.Annual(1_200_000m), 20_000m,
            [new("Qualify", 0.5m, 0.5m), new("Propose", 1m, 0.8m), new("Negotiate", 1.5m, 0.5m)])).Value;
        int[] actualCounts = [14, 9, 4];
        decimal[] actualAmounts = [260_000m, 180_000m, 90_000m];

        var funnel = SalesFunnel.Evaluate(
            [.. plan.Stages.Select((s, i) => new FunnelStageInput(s.Name, s.IdealCount, s.IdealAmount, actualCounts[i], actualAmounts[i]))]).Value;

        Assert.Equal(["Qualify", "Propose", "Negotiate"], funnel.Select(s => s.Stage));
        Assert.Equal([FunnelColor.Green, FunnelColor.Yellow, FunnelColor.Red], funnel.Select(s => s.Color)); // 104 %, 72 %, 30 %
    }
}
