using System.Net;
using System.Net.Http.Json;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Market;

/// <summary>Competitor profiles, their opportunities and the analysis, over HTTP.</summary>
public abstract class CompetitorTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_analysis_counts_won_and_lost_opportunities_and_builds_the_strengths_and_gaps_matrix()
    {
        var marketing = await Api.LoginAsync("marketing");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var alpha = await CreateAsync(marketing, $"Alpha {suffix}", ("Price", 4, 3), ("Service", 2, 4));
        var beta = await CreateAsync(marketing, $"Beta {suffix}", ("Price", 3, 3));

        await LinkAsync(marketing, alpha, "OPP-1", 100m, "Won", expectCreated: true);
        await LinkAsync(marketing, alpha, "OPP-2", 200m, "Lost", expectCreated: true);
        await LinkAsync(marketing, alpha, "OPP-3", 50m, "Open", expectCreated: true);
        await LinkAsync(marketing, alpha, "OPP-2", 250m, "Lost", expectCreated: false); // same reference: updated
        await LinkAsync(marketing, beta, "OPP-1", 100m, "Won", expectCreated: true);

        var details = await GetJsonAsync(marketing, $"/api/competitors/{alpha}");
        Assert.Equal(3, details["opportunities"]!.AsArray().Count);
        var record = details["record"]!;
        Assert.Equal(3, record["opportunities"]!.GetValue<int>());
        Assert.Equal(1, record["won"]!.GetValue<int>());
        Assert.Equal(1, record["lost"]!.GetValue<int>());
        Assert.Equal(1, record["open"]!.GetValue<int>());
        Assert.Equal(50m, record["winRate"]!.GetValue<decimal>());
        Assert.Equal(400m, record["totalAmount"]!.GetValue<decimal>());
        Assert.Equal(100m, record["wonAmount"]!.GetValue<decimal>());
        Assert.Equal(250m, record["lostAmount"]!.GetValue<decimal>());
        Assert.Equal("Key Person", details["keyPeople"]![0]!["name"]!.GetValue<string>());

        var analysis = await GetJsonAsync(marketing, "/api/competitors/analysis");
        var betaRow = analysis["competitors"]!.AsArray().Single(c => c!["id"]!.GetValue<Guid>() == beta)!;
        Assert.Equal(100m, betaRow["record"]!["winRate"]!.GetValue<decimal>());
        var price = analysis["matrix"]!.AsArray().Single(d => d!["dimension"]!.GetValue<string>() == "Price")!["cells"]!.AsArray();
        var alphaPrice = price.Single(c => c!["competitorId"]!.GetValue<Guid>() == alpha)!;
        Assert.Equal(4, alphaPrice["theirScore"]!.GetValue<int>());
        Assert.Equal(-1, alphaPrice["gap"]!.GetValue<int>());
        Assert.Equal(0, price.Single(c => c!["competitorId"]!.GetValue<Guid>() == beta)!["gap"]!.GetValue<int>());
        var service = analysis["matrix"]!.AsArray().Single(d => d!["dimension"]!.GetValue<string>() == "Service")!["cells"]!.AsArray();
        Assert.Equal(2, service.Single(c => c!["competitorId"]!.GetValue<Guid>() == alpha)!["gap"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_profiles_and_duplicate_names_are_refused()
    {
        var marketing = await Api.LoginAsync("marketing");
        var name = $"Gamma {Guid.NewGuid():N}"[..16];
        await CreateAsync(marketing, name);

        var duplicate = await marketing.PostAsJsonAsync("/api/competitors", new { name }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal("competitor_name_taken", (await duplicate.ReadAsync())["code"]!.GetValue<string>());

        var badScore = await marketing.PostAsJsonAsync("/api/competitors", new { name = name + "x", assessments = new[] { new { dimension = "Price", theirScore = 9, ourScore = 3 } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badScore.StatusCode);
        Assert.NotNull((await badScore.ReadAsync())["errors"]!["profile.assessments[0].theirScore"]);

        var sales = await Api.LoginAsync("sales");
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/competitors", Ct)).StatusCode);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string name, params (string Dimension, int Theirs, int Ours)[] scores)
    {
        var response = await client.PostAsJsonAsync("/api/competitors", new
        {
            name,
            website = "https://competitor.example",
            profile = "Listed maker of the same kit",
            products = "Kit A, Kit B",
            strengths = "Price",
            strategy = "Undercut on large tenders",
            marketPerformance = "Share 20 %, growing",
            keyPeople = new[] { new { name = "Key Person", title = "CEO", notes = (string?)null } },
            assessments = scores.Select(s => new { dimension = s.Dimension, theirScore = s.Theirs, ourScore = s.Ours, note = (string?)null }).ToArray(),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    private static async Task LinkAsync(HttpClient client, Guid competitor, string reference, decimal amount, string outcome, bool expectCreated)
    {
        var response = await client.PostAsJsonAsync($"/api/competitors/{competitor}/opportunities", new
        {
            opportunityReference = reference,
            opportunityName = "Deal " + reference,
            amount,
            outcome,
            closedOn = outcome == "Open" ? null : "2026-10-01",
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectCreated, (await response.ReadAsync())["created"]!.GetValue<bool>());
    }
}

public sealed class CompetitorTests_Sqlite(SqliteHost host) : CompetitorTests(host), IClassFixture<SqliteHost>;

public sealed class CompetitorTests_PostgreSql(PostgreSqlHost host) : CompetitorTests(host), IClassFixture<PostgreSqlHost>;
