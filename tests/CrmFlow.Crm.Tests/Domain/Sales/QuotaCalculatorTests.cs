using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Sales;

namespace CrmFlow.Crm.Tests.Domain.Sales;

public class QuotaCalculatorTests
{
    private static QuotaStageInput[] Stages(decimal[] months, decimal[]? conversions = null) =>
        [.. months.Select((t, i) => new QuotaStageInput($"S{i + 1}", t, conversions?[i] ?? 1m))];

    public static TheoryData<string, SalesTarget, decimal, decimal[], decimal[], decimal[], decimal[], decimal[]> Plans => new()
    {
        // name, target, D, t_i, c_i, expected λ_i, L_i, Q_i
        {
            "no conversion: every stage receives N = 100,000 / 10,000 = 10 a month",
            SalesTarget.Monthly(100_000m), 10_000m,
            [1m, 2m, 0.5m], [1m, 1m, 1m],
            [10m, 10m, 10m], [10m, 20m, 5m], [100_000m, 200_000m, 50_000m]
        },
        {
            "conversions: M = 1,200,000 / 12 = 100,000, D = 20,000, N = 5; λ = 5/(.5·.8·.5), 5/(.8·.5), 5/.5",
            SalesTarget.Annual(1_200_000m), 20_000m,
            [0.5m, 1m, 1.5m], [0.5m, 0.8m, 0.5m],
            [25m, 12.5m, 10m], [12.5m, 12.5m, 15m], [250_000m, 250_000m, 300_000m]
        },
        {
            "single stage with win rate 0.25: N = 2, λ = 8, L = 8 · 3 = 24",
            SalesTarget.Monthly(50_000m), 25_000m,
            [3m], [0.25m],
            [8m], [24m], [600_000m]
        },
        {
            "a zero-duration stage needs arrivals but holds nobody",
            SalesTarget.Monthly(40_000m), 10_000m,
            [0m, 2m], [0.5m, 1m],
            [8m, 4m], [0m, 8m], [0m, 80_000m]
        },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Quota_plan_matches_hand_computed_values(
        string name, SalesTarget target, decimal dealSize, decimal[] months, decimal[] conversions,
        decimal[] arrivals, decimal[] counts, decimal[] amounts)
    {
        var result = QuotaCalculator.Compute(new QuotaInput(target, dealSize, Stages(months, conversions)));

        Assert.True(result.IsSuccess, name);
        var plan = result.Value;
        Assert.Equal(arrivals, plan.Stages.Select(s => s.ArrivalsPerMonth));
        Assert.Equal(counts, plan.Stages.Select(s => s.IdealCount));
        Assert.Equal(amounts, plan.Stages.Select(s => s.IdealAmount));
        Assert.Equal(arrivals[0], plan.NewCustomersPerMonth);
        Assert.Equal(counts.Sum(), plan.PipelineCount);
        Assert.Equal(amounts.Sum(), plan.PipelineAmount);
    }

    [Fact]
    public void Quota_with_conversions_raises_arrivals_into_earlier_stages()
    {
        var plan = QuotaCalculator.Compute(new QuotaInput(
            SalesTarget.Annual(1_200_000m), 20_000m, Stages([0.5m, 1m, 1.5m], [0.5m, 0.8m, 0.5m]))).Value;

        Assert.Equal(100_000m, plan.MonthlyTarget);
        Assert.Equal(5m, plan.DealsToWinPerMonth);
        Assert.Equal(25m, plan.NewCustomersPerMonth);
        Assert.Equal(40m, plan.PipelineCount);
        Assert.Equal(800_000m, plan.PipelineAmount);
        Assert.True(plan.Stages[0].ArrivalsPerMonth > plan.Stages[1].ArrivalsPerMonth);
        Assert.True(plan.Stages[1].ArrivalsPerMonth > plan.Stages[2].ArrivalsPerMonth);
    }

    [Theory]
    [InlineData(1_200_000, 100_000)]
    [InlineData(600_000, 50_000)]
    [InlineData(12, 1)]
    public void Annual_target_gives_the_same_plan_as_its_twelfth_as_monthly_target(int annual, int monthly)
    {
        var stages = Stages([1m, 2m], [0.5m, 0.5m]);

        var fromAnnual = QuotaCalculator.Compute(new QuotaInput(SalesTarget.Annual(annual), 1m, stages)).Value;
        var fromMonthly = QuotaCalculator.Compute(new QuotaInput(SalesTarget.Monthly(monthly), 1m, stages)).Value;

        Assert.Equal(monthly, fromAnnual.MonthlyTarget);
        Assert.Equal(fromMonthly.Stages, fromAnnual.Stages);
        Assert.Equal(fromMonthly.PipelineAmount, fromAnnual.PipelineAmount);
    }

    [Fact]
    public void Rounded_view_rounds_counts_up_to_whole_opportunities()
    {
        var plan = QuotaCalculator.Compute(new QuotaInput(
            SalesTarget.Annual(1_200_000m), 20_000m, Stages([0.5m, 1m, 1.5m], [0.5m, 0.8m, 0.5m]))).Value;

        var rounded = plan.Rounded();

        Assert.Equal([25m, 13m, 10m], rounded.Stages.Select(s => s.ArrivalsPerMonth));
        Assert.Equal([13m, 13m, 15m], rounded.Stages.Select(s => s.IdealCount));
        Assert.Equal([250_000m, 250_000m, 300_000m], rounded.Stages.Select(s => s.IdealAmount));
        Assert.Equal(41m, rounded.PipelineCount); // sum of the displayed counts, not ceiling(40)
        Assert.Equal(800_000m, rounded.PipelineAmount);
        Assert.Equal(25m, rounded.NewCustomersPerMonth);
        Assert.Equal(5m, rounded.DealsToWinPerMonth);
    }

    [Fact]
    public void Rounded_view_does_not_turn_division_noise_into_an_extra_opportunity()
    {
        // N = 20,000 / 30,000 = 0.66…67 in decimal arithmetic, so L = 3 · N = 2.000…01, not 2.
        var plan = QuotaCalculator.Compute(new QuotaInput(SalesTarget.Monthly(20_000m), 30_000m, Stages([3m]))).Value;

        Assert.True(plan.PipelineCount > 2m); // full precision is kept as computed
        var rounded = plan.Rounded();
        Assert.Equal(2m, rounded.PipelineCount);
        Assert.Equal(1m, rounded.DealsToWinPerMonth);
        Assert.Equal(60_000m, rounded.PipelineAmount);
    }

    [Fact]
    public void Rounded_view_shows_an_annual_twelfth_to_the_cent()
    {
        var rounded = QuotaCalculator.Compute(new QuotaInput(SalesTarget.Annual(1_000_000m), 25_000m, Stages([3m]))).Value.Rounded();

        Assert.Equal(83_333.33m, rounded.MonthlyTarget);
        Assert.Equal(4m, rounded.DealsToWinPerMonth); // 3.33 deals a month: plan for 4
        Assert.Equal(10m, rounded.PipelineCount);
        Assert.Equal(250_000m, rounded.PipelineAmount);
    }

    public static TheoryData<string, QuotaInput, string, string> Invalid => new()
    {
        { "zero target", new(SalesTarget.Monthly(0m), 1m, Stages([1m])), "Target.Amount", DomainErrorCodes.MustBePositive },
        { "negative target", new(SalesTarget.Annual(-5m), 1m, Stages([1m])), "Target.Amount", DomainErrorCodes.MustBePositive },
        { "zero deal size", new(SalesTarget.Monthly(10m), 0m, Stages([1m])), "AverageDealSize", DomainErrorCodes.MustBePositive },
        { "negative deal size", new(SalesTarget.Monthly(10m), -1m, Stages([1m])), "AverageDealSize", DomainErrorCodes.MustBePositive },
        { "no stages", new(SalesTarget.Monthly(10m), 1m, []), "Stages", DomainErrorCodes.Required },
        { "zero conversion", new(SalesTarget.Monthly(10m), 1m, Stages([1m, 1m], [0m, 1m])), "Stages[0].Conversion", DomainErrorCodes.OutOfRange },
        { "conversion above one", new(SalesTarget.Monthly(10m), 1m, Stages([1m, 1m], [1m, 1.2m])), "Stages[1].Conversion", DomainErrorCodes.OutOfRange },
        { "negative conversion", new(SalesTarget.Monthly(10m), 1m, Stages([1m], [-0.5m])), "Stages[0].Conversion", DomainErrorCodes.OutOfRange },
        { "negative duration", new(SalesTarget.Monthly(10m), 1m, Stages([-0.5m, 1m])), "Stages[0].AverageMonths", DomainErrorCodes.MustNotBeNegative },
        { "blank stage name", new(SalesTarget.Monthly(10m), 1m, [new QuotaStageInput(" ", 1m)]), "Stages[0].Name", DomainErrorCodes.Required },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_input_is_refused_naming_the_field(string name, QuotaInput input, string field, string code)
    {
        var result = QuotaCalculator.Compute(input);

        Assert.False(result.IsSuccess, name);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void All_invalid_fields_are_reported_together()
    {
        var result = QuotaCalculator.Compute(new QuotaInput(SalesTarget.Monthly(0m), 0m, Stages([-1m], [2m])));

        Assert.Equal(
            ["Target.Amount", "AverageDealSize", "Stages[0].AverageMonths", "Stages[0].Conversion"],
            result.Errors.Select(e => e.Field));
    }
}
