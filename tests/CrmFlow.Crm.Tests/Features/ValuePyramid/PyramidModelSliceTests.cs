using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.DeletePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.ListPyramidModels;
using CrmFlow.Crm.Features.ValuePyramid.UpdatePyramidModel;
using FluentValidation;

namespace CrmFlow.Crm.Tests.Features.ValuePyramid;

public class PyramidModelSliceTests(SliceFixture fixture) : IClassFixture<SliceFixture>
{
    private static PyramidModelSpec Spec(string? name = null, TierRuleKind rule = TierRuleKind.RankShare, params PyramidTierSpec[] tiers) => new(
        name ?? $"Model {Guid.NewGuid():N}",
        PyramidMetric.Revenue,
        RevenueBasis.Order,
        rule,
        tiers.Length > 0 ? tiers : [new("A", 20m), new("B", 30m), new("C", 50m)],
        12,
        null,
        IsActive: true);

    public static TheoryData<string, PyramidModelSpec, string[]> Invalid() => new()
    {
        { "shares not covering 100 %", Spec(tiers: [new("A", 20m), new("B", 30m), new("C", 40m)]), ["Tiers"] },
        { "a share missing", Spec(tiers: [new("A", 20m), new("B")]), ["Tiers[1].SharePercent"] },
        { "a zero share", Spec(tiers: [new("A", 0m), new("B", 100m)]), ["Tiers[0].SharePercent"] },
        { "thresholds not decreasing", Spec(rule: TierRuleKind.Threshold, tiers: [new("A", LowerBound: 50m), new("B", LowerBound: 100m), new("C")]), ["Tiers[1].LowerBound"] },
        { "a threshold tier above the bottom without a bound", Spec(rule: TierRuleKind.Threshold, tiers: [new("A"), new("B", LowerBound: 1m)]), ["Tiers[0].LowerBound"] },
        { "duplicate tier names", Spec(tiers: [new("A", 50m), new("A", 50m)]), ["Tiers[1].Name"] },
        { "no tiers", Spec() with { Tiers = [] }, ["Tiers"] },
        { "period out of range", Spec() with { PeriodMonths = 0 }, ["PeriodMonths"] },
        { "loyalty without weights", Spec() with { Metric = PyramidMetric.Loyalty }, ["LoyaltyWeights"] },
        { "loyalty with zero weights", Spec() with { Metric = PyramidMetric.Loyalty, LoyaltyWeights = new(0m, 0m) }, ["LoyaltyWeights.Activity"] },
        { "no name", Spec() with { Name = "" }, ["Name"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_model_is_rejected_naming_the_field(string why, PyramidModelSpec spec, string[] fields)
    {
        Assert.NotNull(why);
        fixture.RunAs(Guid.NewGuid(), CrmRoles.SalesManager);

        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new CreatePyramidModelCommand(spec)));

        Assert.Equal(fields, error.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_update_list_and_delete_a_model()
    {
        var manager = await fixture.AddUserAsync("manager", CrmRoles.SalesManager);
        fixture.RunAs(manager, CrmRoles.SalesManager);
        var created = (await fixture.SendAsync(new CreatePyramidModelCommand(Spec("  Thresholds  ", TierRuleKind.Threshold,
            [new("Gold", 99m, 1000m), new("Silver", null, 100m), new("Rest")])))).Value!;

        Assert.Equal("Thresholds", created.Name);
        Assert.Equal([new("Gold", null, 1000m), new("Silver", null, 100m), new("Rest")], created.Tiers); // shares dropped for thresholds

        var updated = await fixture.SendAsync(new UpdatePyramidModelCommand(created.Id, Spec("Thresholds", tiers: [new("Top", 10m), new("Rest", 90m)])));
        Assert.Equal(["Top", "Rest"], updated.Value!.Tiers.Select(t => t.Name));
        Assert.Contains(await fixture.SendAsync(new ListPyramidModelsQuery()), m => m.Id == created.Id && m.TierRule == TierRuleKind.RankShare);

        var again = await fixture.SendAsync(new CreatePyramidModelCommand(Spec("Thresholds")));
        Assert.Equal(PyramidRefusals.NameTaken, again.Refusal!.Code);

        Assert.Equal(ResultStatus.Ok, (await fixture.SendAsync(new DeletePyramidModelCommand(created.Id))).Status);
        Assert.Equal(ResultStatus.NotFound, (await fixture.SendAsync(new GetPyramidModelQuery(created.Id))).Status);
        Assert.Equal(ResultStatus.NotFound, (await fixture.SendAsync(new UpdatePyramidModelCommand(created.Id, Spec()))).Status);
    }
}
