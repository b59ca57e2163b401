using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Domain.ValuePyramid;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Market;

/// <summary>Questionnaire templates, campaigns, responses and the analysis, over HTTP.</summary>
public abstract class SurveyTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_template_in_use_gets_a_new_version_when_its_questions_change()
    {
        var marketing = await Api.LoginAsync("marketing");
        var templateId = await CreateTemplateAsync(marketing, "Versioned", Questions());

        // Not in use yet: edited in place.
        var inPlace = await marketing.PutAsJsonAsync($"/api/questionnaire-templates/{templateId}",
            new { name = "Versioned", questions = Questions(extraOption: "Purple") }, Ct);
        Assert.Equal(HttpStatusCode.OK, inPlace.StatusCode);
        var first = await inPlace.ReadAsync();
        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.False(first["versionCreated"]!.GetValue<bool>());

        var campaignId = await CreateCampaignAsync(marketing, templateId);
        Assert.Equal(HttpStatusCode.NoContent, (await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/open", null, Ct)).StatusCode);

        // In use (an open campaign): the change becomes version 2, version 1 keeps its questions.
        var changed = await marketing.PutAsJsonAsync($"/api/questionnaire-templates/{templateId}",
            new { name = "Versioned", questions = Questions(extraOption: "Orange") }, Ct);
        var second = await changed.ReadAsync();
        Assert.Equal(2, second["version"]!.GetValue<int>());
        Assert.True(second["versionCreated"]!.GetValue<bool>());

        var template = await GetJsonAsync(marketing, $"/api/questionnaire-templates/{templateId}");
        var versions = template["versions"]!.AsArray();
        Assert.Equal([2, 1], versions.Select(v => v!["number"]!.GetValue<int>()));
        Assert.True(versions[1]!["inUse"]!.GetValue<bool>());
        Assert.False(versions[0]!["inUse"]!.GetValue<bool>());
        Assert.Contains("Purple", Options(versions[1]!["questions"]![0]!));
        Assert.Contains("Orange", Options(versions[0]!["questions"]![0]!));
        Assert.Equal(1, (await GetJsonAsync(marketing, $"/api/survey-campaigns/{campaignId}"))["templateVersion"]!.GetValue<int>());

        // Renaming alone, or saving the same questions, adds no version.
        var renamed = await (await marketing.PutAsJsonAsync($"/api/questionnaire-templates/{templateId}",
            new { name = "Versioned (renamed)", questions = Questions(extraOption: "Orange") }, Ct)).ReadAsync();
        Assert.Equal(2, renamed["version"]!.GetValue<int>());
        Assert.False(renamed["versionCreated"]!.GetValue<bool>());

        // New campaigns take the latest version; a disabled template takes none.
        var created = await (await marketing.PostAsJsonAsync("/api/survey-campaigns", CampaignBody(templateId), Ct)).ReadAsync();
        Assert.Equal(2, created["templateVersion"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await marketing.PutAsJsonAsync($"/api/questionnaire-templates/{templateId}/enabled", new { enabled = false }, Ct)).StatusCode);
        var refused = await marketing.PostAsJsonAsync("/api/survey-campaigns", CampaignBody(templateId), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("template_disabled", (await refused.ReadAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_template_with_bad_questions_is_refused_naming_the_question()
    {
        var marketing = await Api.LoginAsync("marketing");
        var response = await marketing.PostAsJsonAsync("/api/questionnaire-templates", new
        {
            name = "Bad",
            questions = new object[]
            {
                new { key = "q1", text = "Pick", kind = "SingleChoice", required = true, options = new[] { "Only one" } },
                new { key = "q2", text = "Rate", kind = "Rating", required = true, scaleMax = 7 },
                new { key = "q1", text = "Again", kind = "Text", required = false },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync())["errors"]!.AsObject();
        Assert.Contains("questions[0].options", errors.Select(e => e.Key));
        Assert.Contains("questions[1].scaleMax", errors.Select(e => e.Key));
        Assert.Contains("questions[2].key", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Responses_are_validated_against_the_template_and_accepted_once_per_respondent()
    {
        var marketing = await Api.LoginAsync("marketing");
        var admin = await Api.LoginAsync("admin");
        var marketingId = await Api.UserIdAsync("marketing");
        var customerId = await CreateCustomerAsync(admin, NewCode("S"), "Survey respondent");
        var contactId = await CreateContactAsync(admin, customerId, "Respondent contact");
        var hiddenCustomerId = await CreateCustomerAsync(admin, NewCode("H"), "Not granted");
        await GrantAsync(admin, customerId, marketingId, "Read");

        var templateId = await CreateTemplateAsync(marketing, "Validation", Questions());
        var campaignId = await CreateCampaignAsync(marketing, templateId);
        var url = $"/api/survey-campaigns/{campaignId}/responses";

        // Draft campaign: nothing accepted yet.
        var early = await marketing.PostAsJsonAsync(url, Response("Contact", contactId, "Red", 4), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal("campaign_not_open", (await early.ReadAsync())["code"]!.GetValue<string>());
        await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/open", null, Ct);

        var missing = await marketing.PostAsJsonAsync(url, new { respondentKind = "Contact", respondentId = contactId, answers = new { color = "Red" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull((await missing.ReadAsync())["errors"]!["answers.score"]);

        var wrongOption = await marketing.PostAsJsonAsync(url, Response("Contact", contactId, "Magenta", 4), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongOption.StatusCode);
        Assert.NotNull((await wrongOption.ReadAsync())["errors"]!["answers.color"]);

        var outOfRange = await marketing.PostAsJsonAsync(url, Response("Contact", contactId, "Red", 6), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.NotNull((await outOfRange.ReadAsync())["errors"]!["answers.score"]);

        var unknown = await marketing.PostAsJsonAsync(url, new { respondentKind = "Contact", respondentId = contactId, answers = new { color = "Red", score = 3, shoeSize = 42 } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.ReadAsync())["errors"]!["answers.shoeSize"]);

        // A customer the caller may not read is not a respondent they can enter (and is not revealed).
        var hidden = await marketing.PostAsJsonAsync(url, Response("Customer", hiddenCustomerId, "Red", 3), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);
        Assert.NotNull((await hidden.ReadAsync())["errors"]!["respondentId"]);

        var employee = await marketing.PostAsJsonAsync(url, Response("Employee", marketingId, "Red", 3), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, employee.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await marketing.PostAsJsonAsync(url, Response("Contact", contactId, "Red", 4), Ct)).StatusCode);
        var second = await marketing.PostAsJsonAsync(url, Response("Contact", contactId, "Green", 5), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("already_responded", (await second.ReadAsync())["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, (await marketing.PostAsJsonAsync(url, Response("Customer", customerId, "Green", 5), Ct)).StatusCode);
        Assert.Equal(2, (await GetJsonAsync(marketing, $"/api/survey-campaigns/{campaignId}"))["responseCount"]!.GetValue<int>());

        await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/close", null, Ct);
        var late = await marketing.PostAsJsonAsync(url, Response("Customer", customerId, "Green", 5), Ct);
        Assert.Equal("campaign_not_open", (await late.ReadAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_analysis_counts_distributions_averages_medians_and_histograms_per_segment()
    {
        var admin = await Api.LoginAsync("admin");
        var retail = new List<Guid>();
        var energy = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            retail.Add(await CreateSegmentCustomerAsync(admin, "Retail", "North"));
            energy.Add(await CreateSegmentCustomerAsync(admin, "Energy", "South"));
        }

        var templateId = await CreateTemplateAsync(admin, "Analysis", new object[]
        {
            new { key = "color", text = "Favourite colour", kind = "SingleChoice", required = true, options = new[] { "Red", "Green", "Blue" } },
            new { key = "features", text = "Features used", kind = "MultipleChoice", required = false, options = new[] { "A", "B", "C" } },
            new { key = "score", text = "Satisfaction", kind = "Rating", required = true, scaleMax = 10 },
            new { key = "budget", text = "Budget", kind = "Number", required = true, min = 0 },
            new { key = "comment", text = "Comments", kind = "Text", required = false },
        });
        var campaignId = await CreateCampaignAsync(admin, templateId);
        await admin.PostAsync($"/api/survey-campaigns/{campaignId}/open", null, Ct);
        var rows = new (Guid Customer, object Answers)[]
        {
            (retail[0], new { color = "Red", features = new[] { "A", "B" }, score = 8, budget = 100, comment = "good" }),
            (retail[1], new { color = "Red", features = new[] { "A" }, score = 6, budget = 300 }),
            (energy[0], new { color = "Blue", features = new[] { "B", "C" }, score = 10, budget = 200, comment = "ok" }),
            (energy[1], new { color = "Green", features = Array.Empty<string>(), score = 4, budget = 1000 }),
        };
        foreach (var (customer, answers) in rows)
        {
            var posted = await admin.PostAsJsonAsync($"/api/survey-campaigns/{campaignId}/responses", new { respondentKind = "Customer", respondentId = customer, answers }, Ct);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var all = await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results");
        Assert.Equal(4, all["responseCount"]!.GetValue<int>());
        Assert.Equal(["Energy", "Retail"], all["industries"]!.AsArray().Select(i => i!.GetValue<string>()));
        var q = all["questions"]!.AsArray();
        AssertOptions(q[0]!, 4, ("Red", 2, 50m), ("Green", 1, 25m), ("Blue", 1, 25m));
        AssertOptions(q[1]!, 3, ("A", 2, 66.67m), ("B", 2, 66.67m), ("C", 1, 33.33m));
        AssertNumbers(q[2]!, average: 7m, median: 7m, min: 4m, max: 10m);
        Assert.Equal([0, 0, 0, 1, 0, 1, 0, 1, 0, 1], q[2]!["numbers"]!["histogram"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()));
        AssertNumbers(q[3]!, average: 400m, median: 250m, min: 100m, max: 1000m);
        var budgetBins = q[3]!["numbers"]!["histogram"]!.AsArray();
        Assert.Equal(10, budgetBins.Count);
        Assert.Equal([1, 1, 1, 0, 0, 0, 0, 0, 0, 1], budgetBins.Select(b => b!["count"]!.GetValue<int>()));
        Assert.Equal(190m, budgetBins[0]!["to"]!.GetValue<decimal>());
        Assert.Equal(["good", "ok"], q[4]!["textAnswers"]!.AsArray().Select(t => t!.GetValue<string>()).Order());

        var retailOnly = await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results?industry=Retail");
        Assert.Equal(2, retailOnly["responseCount"]!.GetValue<int>());
        AssertOptions(retailOnly["questions"]![0]!, 2, ("Red", 2, 100m), ("Green", 0, 0m), ("Blue", 0, 0m));
        AssertNumbers(retailOnly["questions"]![3]!, average: 200m, median: 200m, min: 100m, max: 300m);

        var south = await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results?region=South");
        Assert.Equal(2, south["responseCount"]!.GetValue<int>());
        AssertNumbers(south["questions"]![2]!, average: 7m, median: 7m, min: 4m, max: 10m);
        AssertNumbers(south["questions"]![3]!, average: 600m, median: 600m, min: 200m, max: 1000m);
        Assert.Equal(0, (await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results?industry=Retail&region=South"))["responseCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_analysis_filters_by_the_respondents_latest_value_tier()
    {
        var admin = await Api.LoginAsync("admin");
        var upgraded = await CreateSegmentCustomerAsync(admin, "Retail", "North");
        var steady = await CreateSegmentCustomerAsync(admin, "Retail", "North");
        var unranked = await CreateSegmentCustomerAsync(admin, "Retail", "North");
        var model = await (await admin.PostAsJsonAsync("/api/value-pyramid/models", new
        {
            name = $"Segments {Guid.NewGuid():N}", metric = "Revenue", revenueBasis = "Order", tierRule = "RankShare",
            tiers = new object[] { new { name = "A", sharePercent = 20m }, new { name = "B", sharePercent = 80m } },
        }, Ct)).ReadAsync();
        var modelId = model["id"]!.GetValue<Guid>();

        // Two monthly snapshots: the newer one moved the first customer from B up to A.
        await Api.QueryAsync(async db =>
        {
            var older = new PyramidSnapshot(Guid.CreateVersion7(), modelId, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), ["A", "B"], false, DateTimeOffset.UtcNow);
            older.Add(upgraded, "B", 10m, 2);
            older.Add(steady, "A", 50m, 1);
            var newer = new PyramidSnapshot(Guid.CreateVersion7(), modelId, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), ["A", "B"], false, DateTimeOffset.UtcNow);
            newer.Add(upgraded, "A", 90m, 1);
            newer.Add(steady, "B", 20m, 2);
            db.PyramidSnapshots.AddRange(older, newer);
            return await db.SaveChangesAsync(Ct);
        });

        var templateId = await CreateTemplateAsync(admin, "Tiers", Questions());
        var campaignId = await CreateCampaignAsync(admin, templateId);
        await admin.PostAsync($"/api/survey-campaigns/{campaignId}/open", null, Ct);
        foreach (var (customer, score) in new[] { (upgraded, 5), (steady, 3), (unranked, 1) })
        {
            var posted = await admin.PostAsJsonAsync($"/api/survey-campaigns/{campaignId}/responses", Response("Customer", customer, "Red", score), Ct);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var all = await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results");
        Assert.Equal(3, all["responseCount"]!.GetValue<int>());
        Assert.Equal(["A", "B"], all["tiers"]!.AsArray().Select(t => t!.GetValue<string>()));
        var tierA = await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results?tier=A");
        Assert.Equal(1, tierA["responseCount"]!.GetValue<int>());
        Assert.Equal("A", tierA["tier"]!.GetValue<string>());
        AssertNumbers(tierA["questions"]![1]!, average: 5m, median: 5m, min: 5m, max: 5m);
        var tierB = await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results?tier=B&industry=Retail&region=North");
        Assert.Equal(1, tierB["responseCount"]!.GetValue<int>());
        AssertNumbers(tierB["questions"]![1]!, average: 3m, median: 3m, min: 3m, max: 3m);
        Assert.Equal(0, (await GetJsonAsync(admin, $"/api/survey-campaigns/{campaignId}/results?tier=C"))["responseCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Survey_endpoints_need_the_marketing_role()
    {
        var sales = await Api.LoginAsync("sales");
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/questionnaire-templates", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/survey-campaigns", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().GetAsync("/api/survey-campaigns", Ct)).StatusCode);
    }

    internal static object[] Questions(string extraOption = "Blue") =>
    [
        new { key = "color", text = "Favourite colour", kind = "SingleChoice", required = true, options = new[] { "Red", "Green", extraOption } },
        new { key = "score", text = "Satisfaction", kind = "Rating", required = true, scaleMax = 5 },
        new { key = "comment", text = "Comments", kind = "Text", required = false },
    ];

    internal static async Task<Guid> CreateTemplateAsync(HttpClient client, string name, object[] questions)
    {
        var response = await client.PostAsJsonAsync("/api/questionnaire-templates", new { name, description = "test", questions }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    internal static object CampaignBody(Guid templateId, string audience = "External", Guid[]? participants = null, DateTimeOffset? startsAt = null) => new
    {
        name = "Campaign " + Guid.NewGuid().ToString("N")[..6],
        templateId,
        audience,
        startsAt = startsAt ?? DateTimeOffset.UtcNow.AddDays(-1),
        endsAt = (startsAt ?? DateTimeOffset.UtcNow).AddDays(7),
        participantIds = participants,
    };

    private static async Task<Guid> CreateCampaignAsync(HttpClient client, Guid templateId)
    {
        var response = await client.PostAsJsonAsync("/api/survey-campaigns", CampaignBody(templateId), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    private static async Task<Guid> CreateSegmentCustomerAsync(HttpClient admin, string industry, string region)
    {
        var response = await admin.PostAsJsonAsync("/api/customers", new { code = NewCode("A"), name = $"{industry} {region}", industry, region }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync())["id"]!.GetValue<Guid>();
    }

    private static object Response(string kind, Guid id, string color, int score) =>
        new { respondentKind = kind, respondentId = id, answers = new { color, score } };

    private static string[] Options(JsonNode question) => [.. question["options"]!.AsArray().Select(o => o!.GetValue<string>())];

    private static void AssertOptions(JsonNode question, int answered, params (string Option, int Count, decimal Percent)[] expected)
    {
        Assert.Equal(answered, question["answered"]!.GetValue<int>());
        var options = question["options"]!.AsArray();
        Assert.Equal(
            expected,
            options.Select(o => (o!["option"]!.GetValue<string>(), o["count"]!.GetValue<int>(), o["percent"]!.GetValue<decimal>())));
    }

    private static void AssertNumbers(JsonNode question, decimal average, decimal median, decimal min, decimal max)
    {
        var numbers = question["numbers"]!;
        Assert.Equal(average, numbers["average"]!.GetValue<decimal>());
        Assert.Equal(median, numbers["median"]!.GetValue<decimal>());
        Assert.Equal(min, numbers["min"]!.GetValue<decimal>());
        Assert.Equal(max, numbers["max"]!.GetValue<decimal>());
    }
}

public sealed class SurveyTests_Sqlite(SqliteHost host) : SurveyTests(host), IClassFixture<SqliteHost>;

public sealed class SurveyTests_PostgreSql(PostgreSqlHost host) : SurveyTests(host), IClassFixture<PostgreSqlHost>;
