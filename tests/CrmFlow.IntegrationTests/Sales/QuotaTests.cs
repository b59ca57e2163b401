using System.Net;
using System.Net.Http.Json;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Sales;

/// <summary>Quota calculation and saving, the funnel over the seeded data and the forecast, over HTTP.</summary>
public abstract class QuotaTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_funnel_colours_the_seeded_standard_mode_against_the_company_quota()
    {
        var manager = await Api.LoginAsync("admin");
        var mode = await StandardModeIdAsync(manager);

        var funnel = await GetJsonAsync(manager, $"/api/sales-funnel?salesModeId={mode}");

        Assert.True(funnel["hasQuota"]!.GetValue<bool>());
        var stages = funnel["stages"]!.AsArray();
        Assert.Equal(["Green", "Yellow", "Red", "Green", "Red"], stages.Select(s => s!["color"]!.GetValue<string>()));
        Assert.Equal([4, 2, 1, 2, 0], stages.Select(s => s!["actualCount"]!.GetValue<int>()));
        Assert.Equal(355_000m, stages[0]!["actualAmount"]!.GetValue<decimal>());
        Assert.Equal(0.5m, stages[0]!["plannedMonths"]!.GetValue<decimal>());

        // Thresholds are configurable: with yellow from 50 % the 55 % stage turns yellow.
        var lenient = await GetJsonAsync(manager, $"/api/sales-funnel?salesModeId={mode}&yellowPercent=50");
        Assert.Equal("Yellow", lenient["stages"]![2]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_quota_is_computed_by_littles_law_and_saved_for_a_person_and_month()
    {
        var admin = await Api.LoginAsync("admin");
        var mode = await StandardModeIdAsync(admin);
        var sales = await Api.UserIdAsync("sales");

        var saved = await admin.PutAsJsonAsync("/api/quotas", new
        {
            scope = "Person", scopeId = sales, month = "2027-01-15",
            calculation = new { salesModeId = mode, targetAmount = 1_200_000m, targetPeriod = "Annual", averageDealSize = 100_000m },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.ReadAsync();
        Assert.Equal("2027-01-01", body["month"]!.GetValue<string>());
        var calculation = body["calculation"]!;
        Assert.Equal(100_000m, calculation["monthlyTarget"]!.GetValue<decimal>());
        // Hand-computed: N = 1; λ_5 = 1/0.9, λ_4 = 1/0.72, λ_3 = 1/0.504, λ_2 = 1/0.3528, λ_1 = 1/0.21168; L_i = λ_i · t_i.
        decimal[] expected = [0.5m / 0.21168m, 1m / 0.3528m, 1m / 0.504m, 0.5m / 0.72m, 0.5m / 0.9m];
        var counts = calculation["stages"]!.AsArray().Select(s => s!["idealCount"]!.GetValue<decimal>()).ToList();
        Assert.Equal(expected.Select(e => Math.Round(e, 8)), counts.Select(c => Math.Round(c, 8)));
        Assert.Equal(Math.Round(1m / 0.21168m, 8), Math.Round(calculation["newCustomersPerMonth"]!.GetValue<decimal>(), 8));

        var funnel = await GetJsonAsync(admin, $"/api/sales-funnel?salesModeId={mode}&scope=Person&scopeId={sales}&month=2027-01-01");
        Assert.True(funnel["hasQuota"]!.GetValue<bool>());
        Assert.Equal(Math.Round(expected[0] * 100_000m, 6), Math.Round(funnel["stages"]![0]!["quotaAmount"]!.GetValue<decimal>(), 6));
    }

    [Fact]
    public async Task Without_conversions_each_stage_holds_the_monthly_deals_times_its_duration_and_bad_input_names_the_field()
    {
        var admin = await Api.LoginAsync("admin");
        var modeJson = (await GetJsonAsync(admin, "/api/sales-modes")).AsArray().Single(m => m!["code"]!.GetValue<string>() == "STD")!;
        var stages = modeJson["stages"]!.AsArray().Select(s => new { stageId = s!["id"]!.GetValue<Guid>(), conversion = 1m }).ToArray();

        var plain = await admin.PostAsJsonAsync("/api/quotas/calculations", new
        {
            salesModeId = modeJson["id"]!.GetValue<Guid>(), targetAmount = 200_000m, targetPeriod = "Monthly", averageDealSize = 50_000m, stages,
        }, Ct);
        var invalid = await admin.PostAsJsonAsync("/api/quotas/calculations", new
        {
            salesModeId = modeJson["id"]!.GetValue<Guid>(), targetAmount = 200_000m, targetPeriod = "Monthly", averageDealSize = 0m,
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var counts = (await plain.ReadAsync())["stages"]!.AsArray().Select(s => s!["idealCount"]!.GetValue<decimal>());
        Assert.Equal([2m, 4m, 4m, 2m, 2m], counts); // N = 4 deals a month × t_i
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var problem = await invalid.ReadAsync();
        Assert.Equal("quota.invalid_input", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["AverageDealSize"]);
    }

    [Fact]
    public async Task The_forecast_spreads_open_opportunities_over_the_coming_months_weighted_by_stage_probability()
    {
        var admin = await Api.LoginAsync("admin");

        var forecast = await GetJsonAsync(admin, "/api/sales-forecast?months=6");

        var months = forecast["months"]!.AsArray();
        Assert.Equal(6, months.Count);
        var total = months.Sum(m => m!["totals"]!["amount"]!.GetValue<decimal>());
        var weighted = months.Sum(m => m!["totals"]!["weightedAmount"]!.GetValue<decimal>());
        Assert.True(total > 0m);
        Assert.True(weighted > 0m && weighted < total);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/sales-forecast?months=0", Ct)).StatusCode);
    }

    private static async Task<Guid> StandardModeIdAsync(HttpClient client) =>
        (await GetJsonAsync(client, "/api/sales-modes")).AsArray().Single(m => m!["code"]!.GetValue<string>() == "STD")!["id"]!.GetValue<Guid>();
}

public sealed class QuotaTests_Sqlite(SqliteHost host) : QuotaTests(host), IClassFixture<SqliteHost>;

public sealed class QuotaTests_PostgreSql(PostgreSqlHost host) : QuotaTests(host), IClassFixture<PostgreSqlHost>;
