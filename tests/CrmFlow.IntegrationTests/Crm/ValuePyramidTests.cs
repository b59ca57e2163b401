using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Security;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.Server.DemoData;

namespace CrmFlow.IntegrationTests.Crm;

/// <summary>The value pyramid API over HTTP through the real host, on SQLite and PostgreSQL.</summary>
public abstract class ValuePyramidTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DaysAgo(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Model(string name, string rule, object[] tiers, string metric = "Revenue", string basis = "Order") =>
        new { name, metric, revenueBasis = basis, tierRule = rule, tiers, periodMonths = 12, isActive = false };

    [Fact]
    public async Task The_seeded_model_runs_over_the_demo_ledger_with_tiers_counts_totals_and_coverage()
    {
        var admin = await Api.LoginAsync("admin");
        var models = (await GetJsonAsync(admin, "/api/value-pyramid/models")).AsArray();
        var demo = models.Single(m => m!["name"]!.GetValue<string>() == CrmDemoData.DemoRevenueModel)!;

        var run = await GetJsonAsync(admin, $"/api/value-pyramid/models/{demo["id"]}/run?take=1000");

        var tiers = run["tiers"]!.AsArray();
        Assert.Equal(["A", "B", "C"], tiers.Select(t => t!["name"]!.GetValue<string>()));
        var count = run["customerCount"]!.GetValue<int>();
        Assert.Equal(count, tiers.Sum(t => t!["customerCount"]!.GetValue<int>()));
        Assert.Equal(count, run["customers"]!["total"]!.GetValue<int>());
        var top = run["customers"]!["items"]![0]!;
        Assert.Equal("C001", top["code"]!.GetValue<string>()); // the biggest demo ledger
        Assert.Equal("A", top["tier"]!.GetValue<string>());
        Assert.Equal(1, top["rank"]!.GetValue<int>());
        var coverage = run["coverage"]!;
        Assert.Equal(Today, DateOnly.Parse(coverage["periodTo"]!.GetValue<string>(), CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Empty(coverage["missingSources"]!.AsArray());
        Assert.True(coverage["customersWithoutData"]!.GetValue<int>() > 0); // demo customers without ledger rows
    }

    [Fact]
    public async Task A_reps_pyramid_ranks_only_their_customers_and_ignores_data_permissions()
    {
        var admin = await Api.LoginAsync("admin");
        var repName = $"rep-{Guid.NewGuid():N}"[..16];
        var rep = await Api.CreateUserAsync(repName, CrmRoles.SalesRep);
        var codes = new[] { NewCode("VP"), NewCode("VP"), NewCode("VP"), NewCode("VP") };
        foreach (var code in codes)
        {
            var created = await admin.PostAsJsonAsync("/api/customers", new { code, name = "Pyramid " + code, ownerId = rep }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var ledger = await Api.Integration().PostAsJsonAsync("/api/ledger/entries", new
        {
            rows = new object[]
            {
                new { kind = "Order", externalId = codes[0] + "-1", customerCode = codes[0], date = DaysAgo(5), amount = 900m },
                new { kind = "Order", externalId = codes[1] + "-1", customerCode = codes[1], date = DaysAgo(40), amount = 100m },
                new { kind = "Order", externalId = codes[1] + "-2", customerCode = codes[1], date = DaysAgo(400), amount = 5000m },
                new { kind = "Order", externalId = codes[2] + "-1", customerCode = codes[2], date = DaysAgo(60), amount = 100m },
                new { kind = "Receipt", externalId = codes[3] + "-1", customerCode = codes[3], date = DaysAgo(3), amount = 50m },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        var model = await (await admin.PostAsJsonAsync("/api/value-pyramid/models", Model(
            $"Rep thresholds {Guid.NewGuid():N}", "Threshold",
            [new { name = "Gold", lowerBound = 500m }, new { name = "Silver", lowerBound = 100m }, new { name = "Rest" }]), Ct)).ReadAsync();

        // A sales manager with no data permission on any of these customers still sees the pyramid (by design).
        await Api.CreateUserAsync("pyramid-manager", CrmRoles.SalesManager);
        var manager = await Api.LoginAsync("pyramid-manager");
        var run = await GetJsonAsync(manager, $"/api/value-pyramid/models/{model["id"]}/run?ownerId={rep}");

        Assert.Equal([1, 2, 1], run["tiers"]!.AsArray().Select(t => t!["customerCount"]!.GetValue<int>()));
        Assert.Equal([900m, 200m, 0m], run["tiers"]!.AsArray().Select(t => t!["metricTotal"]!.GetValue<decimal>()));
        var items = run["customers"]!["items"]!.AsArray();
        var actual = items.Select(i => (Code: i!["code"]!.GetValue<string>(), Tier: i["tier"]!.GetValue<string>(), Value: i["value"]?.GetValue<decimal>()))
            .OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var expected = new[] { (codes[0], "Gold", (decimal?)900m), (codes[1], "Silver", 100m), (codes[2], "Silver", 100m), (codes[3], "Rest", null) }
            .OrderBy(i => i.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal([1, 2, 2, (int?)null], items.Select(i => i!["rank"]?.GetValue<int>()));
        Assert.All(items, i => Assert.Equal(repName, i!["ownerName"]!.GetValue<string>()));
        Assert.Equal(1, run["coverage"]!["customersWithoutData"]!.GetValue<int>());

        var silver = await GetJsonAsync(manager, $"/api/value-pyramid/models/{model["id"]}/run?ownerId={rep}&tier=Silver&take=1");
        Assert.Equal(2, silver["customers"]!["total"]!.GetValue<int>());
        Assert.Single(silver["customers"]!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_department_filter_covers_the_customers_of_that_departments_reps()
    {
        var admin = await Api.LoginAsync("admin");
        var departments = (await GetJsonAsync(admin, "/api/departments")).AsArray();
        var sales = departments.Single(d => d!["code"]!.GetValue<string>() == "sales")!["id"]!.GetValue<Guid>();
        var salesUser = await Api.UserIdAsync("sales");
        var model = (await GetJsonAsync(admin, "/api/value-pyramid/models")).AsArray().Single(m => m!["name"]!.GetValue<string>() == CrmDemoData.DemoRevenueModel)!;

        var byDepartment = await GetJsonAsync(admin, $"/api/value-pyramid/models/{model["id"]}/run?departmentId={sales}&take=1000");
        var byOwner = await GetJsonAsync(admin, $"/api/value-pyramid/models/{model["id"]}/run?ownerId={salesUser}&take=1000");
        var nobody = await GetJsonAsync(admin, $"/api/value-pyramid/models/{model["id"]}/run?departmentId={Guid.NewGuid()}");

        Assert.True(byOwner["customerCount"]!.GetValue<int>() > 0);
        Assert.Equal(Ids(byOwner), Ids(byDepartment));
        Assert.Equal(0, nobody["customerCount"]!.GetValue<int>());
        Assert.Equal([0, 0, 0], nobody["tiers"]!.AsArray().Select(t => t!["customerCount"]!.GetValue<int>()));

        static List<string> Ids(JsonNode run) =>
            [.. run["customers"]!["items"]!.AsArray().Select(i => i!["customerId"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_basis_without_data_in_the_period_is_reported_not_silently_zero()
    {
        var admin = await Api.LoginAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/value-pyramid/models", Model(
            $"Loyalty {Guid.NewGuid():N}", "RankShare", [new { name = "A", sharePercent = 20m }, new { name = "B", sharePercent = 80m }], metric: "Loyalty"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode); // loyalty needs weights
        var errors = (await created.ReadAsync())["errors"]!.AsObject();
        Assert.Equal(["LoyaltyWeights"], errors.Select(e => e.Key), StringComparer.OrdinalIgnoreCase);

        var model = await (await admin.PostAsJsonAsync("/api/value-pyramid/models", new
        {
            name = $"Loyalty {Guid.NewGuid():N}", metric = "Loyalty", revenueBasis = "Order", tierRule = "RankShare",
            tiers = new object[] { new { name = "A", sharePercent = 20m }, new { name = "B", sharePercent = 80m } },
            loyaltyWeights = new { activity = 1m, transaction = 1m },
        }, Ct)).ReadAsync();
        Assert.Equal(12, model["periodMonths"]!.GetValue<int>()); // the default period
        var run = await GetJsonAsync(admin, $"/api/value-pyramid/models/{model["id"]}/run");

        Assert.Equal(["Activity"], run["coverage"]!["missingSources"]!.AsArray().Select(s => s!.GetValue<string>()));
        var activity = run["coverage"]!["sources"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "Activity")!;
        Assert.False(activity["available"]!.GetValue<bool>());
    }

    public static TheoryData<string, object, string> InvalidModels() => new()
    {
        { "shares below 100 %", Model("x", "RankShare", [new { name = "A", sharePercent = 20m }, new { name = "B", sharePercent = 70m }]), "Tiers" },
        { "thresholds not decreasing", Model("x", "Threshold", [new { name = "A", lowerBound = 10m }, new { name = "B", lowerBound = 20m }]), "Tiers[1].LowerBound" },
        { "a tier without a name", Model("x", "RankShare", [new { name = "", sharePercent = 100m }]), "Tiers[0].Name" },
    };

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public async Task An_invalid_model_gets_400_naming_the_field(string why, object body, string field)
    {
        Assert.NotNull(why);
        var admin = await Api.LoginAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/value-pyramid/models", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync())["errors"]!.AsObject();
        Assert.Contains(errors, e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Snapshots_give_a_trend_and_each_customers_tier_history()
    {
        var admin = await Api.LoginAsync("admin");
        var model = (await GetJsonAsync(admin, "/api/value-pyramid/models")).AsArray().Single(m => m!["name"]!.GetValue<string>() == CrmDemoData.DemoRevenueModel)!;
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
        var periodTo = new DateOnly(first.Year, first.Month, 1);

        var taken = await admin.PostAsync($"/api/value-pyramid/snapshots?periodTo={periodTo:yyyy-MM-dd}", null, Ct);
        var again = await admin.PostAsync($"/api/value-pyramid/snapshots?periodTo={periodTo:yyyy-MM-dd}", null, Ct);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var trend = (await GetJsonAsync(admin, $"/api/value-pyramid/models/{model["id"]}/snapshots")).AsArray();
        var snapshot = Assert.Single(trend, s => s!["periodTo"]!.GetValue<string>() == periodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))!;
        Assert.Equal(["A", "B", "C"], snapshot["tiers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        var c001 = await Api.QueryAsync(db => Task.FromResult(db.Customers.Single(c => c.Code == "C001").Id));
        var history = (await GetJsonAsync(admin, $"/api/value-pyramid/customers/{c001}/tiers")).AsArray();
        var points = history.Single(h => h!["modelId"]!.GetValue<Guid>() == model["id"]!.GetValue<Guid>())!["points"]!.AsArray();
        Assert.Contains(points, p => p!["tier"]!.GetValue<string>() == "A" && p["periodTo"]!.GetValue<string>() == periodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("marketing")]
    [InlineData("designer")]
    public async Task Roles_without_analytics_get_403(string user)
    {
        var client = await Api.LoginAsync(user);
        var model = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/value-pyramid/models/{model}/run", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/value-pyramid/models", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_model_is_404()
    {
        var admin = await Api.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/value-pyramid/models/{Guid.NewGuid()}/run", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/value-pyramid/models/{Guid.NewGuid()}/run?take=5000", Ct)).StatusCode);
    }
}

public sealed class ValuePyramidTests_Sqlite(SqliteHost host) : ValuePyramidTests(host), IClassFixture<SqliteHost>;

public sealed class ValuePyramidTests_PostgreSql(PostgreSqlHost host) : ValuePyramidTests(host), IClassFixture<PostgreSqlHost>;
