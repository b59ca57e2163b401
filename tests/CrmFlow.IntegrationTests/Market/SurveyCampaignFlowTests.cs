using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Market;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using CrmFlow.IntegrationTests.Workflows;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmFlow.IntegrationTests.Market;

/// <summary>
/// The repository's <c>workflows/survey-campaign.json</c>, imported at start-up, runs a campaign on a host whose
/// clock the test moves: opened at the start, a questionnaire task in the inbox of each employee asked, the pending
/// ones reminded before the end, closed at the end with the tasks still open withdrawn.
/// </summary>
public abstract class SurveyCampaignFlowTests(HostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_flow_opens_reminds_and_closes_the_campaign_as_time_passes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = await host.CreateEmptyDatabaseAsync();
        await using var app = host.NewFactory(database, new Dictionary<string, string?> { ["Workflows:Runtime:PollInterval"] = "00:00:00.200" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var marketing = await app.CreateClient().SignedInAsAsync("marketing");
        var marketingId = await QueryAsync(app, db => db.Users.Where(u => u.UserName == "marketing").Select(u => u.Id).SingleAsync(Ct));

        var templateId = await SurveyTests.CreateTemplateAsync(marketing, "Flow", SurveyTests.Questions());
        var start = clock.GetUtcNow().AddHours(1);
        var created = await marketing.PostAsJsonAsync("/api/survey-campaigns", SurveyTests.CampaignBody(templateId, "Internal", [marketingId], start), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.ReadAsync())["id"]!.GetValue<Guid>();

        var launched = await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        var instanceId = (await launched.ReadAsync())["workflowInstanceId"]!.GetValue<string>();
        Assert.Equal(SurveyCampaignStatus.Draft, (await CampaignAsync(app, campaignId)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/launch", null, Ct)).StatusCode);

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await WorkflowDatabase.EventuallyAsync(async () => (await CampaignAsync(app, campaignId)).Status == SurveyCampaignStatus.Open, "the campaign should open at its start");
        Assert.Null((await CampaignAsync(app, campaignId)).RemindedAt);

        // The reminder defaults to one day before the end (start + 7 days).
        clock.Advance(TimeSpan.FromDays(6));
        await WorkflowDatabase.EventuallyAsync(async () => (await CampaignAsync(app, campaignId)).RemindedAt is not null, "the reminder should go out a day before the end");
        Assert.Equal(SurveyCampaignStatus.Open, (await CampaignAsync(app, campaignId)).Status);

        clock.Advance(TimeSpan.FromDays(1));
        await WorkflowDatabase.EventuallyAsync(async () => (await CampaignAsync(app, campaignId)).Status == SurveyCampaignStatus.Closed, "the campaign should close at its end");
        await WorkflowDatabase.EventuallyAsync(
            async () => (await WorkflowDatabase.FindInstanceAsync(app, instanceId))?.SubStatus == WorkflowSubStatus.Finished, "the flow should finish");
        var campaign = await CampaignAsync(app, campaignId);
        Assert.Equal(instanceId, campaign.WorkflowInstanceId);
        Assert.True(campaign.ClosedAt >= start.AddDays(7));
    }

    [Fact]
    public async Task The_flow_puts_a_questionnaire_task_in_each_employees_inbox_reminds_the_pending_and_withdraws_the_rest_at_the_end()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = await host.CreateEmptyDatabaseAsync();
        await using var app = host.NewFactory(database, new Dictionary<string, string?> { ["Workflows:Runtime:PollInterval"] = "00:00:00.200" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var marketing = await app.CreateClient().SignedInAsAsync("marketing");
        var sales = await app.CreateClient().SignedInAsAsync("sales");
        var handler = await app.CreateClient().SignedInAsAsync("handler");
        var designer = await app.CreateClient().SignedInAsAsync("designer");
        var ids = await QueryAsync(app, db => db.Users.Where(u => u.UserName == "sales" || u.UserName == "handler" || u.UserName == "designer")
            .ToDictionaryAsync(u => u.UserName, u => u.Id, Ct));

        var templateId = await SurveyTests.CreateTemplateAsync(marketing, "Inbox", new object[]
        {
            new { key = "color", text = "Favourite colour", kind = "SingleChoice", required = true, options = new[] { "Red", "Green", "Blue" } },
            new { key = "features", text = "Features used", kind = "MultipleChoice", required = false, options = new[] { "A", "B", "C" } },
            new { key = "score", text = "Satisfaction", kind = "Rating", required = true, scaleMax = 5 },
            new { key = "budget", text = "Budget", kind = "Number", required = false, min = 0, max = 1000 },
            new { key = "comment", text = "Comments", kind = "Text", required = false },
        });
        var start = clock.GetUtcNow().AddHours(1);
        var created = await marketing.PostAsJsonAsync(
            "/api/survey-campaigns", SurveyTests.CampaignBody(templateId, "Internal", [ids["sales"], ids["handler"], ids["designer"]], start), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.ReadAsync())["id"]!.GetValue<Guid>();
        var launched = await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        var instanceId = (await launched.ReadAsync())["workflowInstanceId"]!.GetValue<string>();
        Assert.Empty((await InboxAsync(sales))["items"]!.AsArray());

        // At the start: open, and one task per employee asked, assigned to them, with the questionnaire as its form.
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await WorkflowDatabase.EventuallyAsync(
            async () => (await InboxAsync(designer))["items"]!.AsArray().Count == 1, "each employee asked should get a survey task");
        Assert.Equal(SurveyCampaignStatus.Open, (await CampaignAsync(app, campaignId)).Status);
        var salesTask = Assert.Single((await InboxAsync(sales))["items"]!.AsArray())!;
        var handlerTask = Assert.Single((await InboxAsync(handler))["items"]!.AsArray())!;
        var designerTask = Assert.Single((await InboxAsync(designer))["items"]!.AsArray())!;
        Assert.Equal(ids["sales"].ToString(), salesTask["assignee"]!.GetValue<string>());
        Assert.Equal("Assigned", salesTask["status"]!.GetValue<string>());
        Assert.True(salesTask["canComplete"]!.GetValue<bool>());
        Assert.Equal(campaignId.ToString(), salesTask["reference"]!.GetValue<string>());
        Assert.True((salesTask["dueAt"]!.GetValue<DateTimeOffset>() - start.AddDays(7)).Duration() < TimeSpan.FromMilliseconds(1), "due at the campaign's end");
        var form = salesTask["form"]!.AsArray();
        Assert.Equal(["color", "features", "score", "budget", "comment"], form.Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal(["Choice", "MultiChoice", "Number", "Number", "Multiline"], form.Select(f => f!["type"]!.GetValue<string>()));
        Assert.Equal([true, false, true, false, false], form.Select(f => f!["required"]!.GetValue<bool>()));
        Assert.Equal(["Red", "Green", "Blue"], form[0]!["options"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["A", "B", "C"], form[1]!["options"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(1m, form[2]!["min"]!.GetValue<decimal>());
        Assert.Equal(5m, form[2]!["max"]!.GetValue<decimal>());
        Assert.True(form[2]!["wholeNumber"]!.GetValue<bool>());
        Assert.Equal(1000m, form[3]!["max"]!.GetValue<decimal>());

        // Nobody else completes an employee's task; a bad answer is refused naming the field and stores nothing.
        var salesTaskId = salesTask["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await designer.PostAsJsonAsync($"/api/tasks/{salesTaskId}/complete", new { values = new { color = "Red", score = 4 } }, Ct)).StatusCode);
        var outOfScale = await sales.PostAsJsonAsync($"/api/tasks/{salesTaskId}/complete", new { values = new { color = "Red", score = 7 } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outOfScale.StatusCode);
        Assert.NotNull((await outOfScale.ReadAsync())["errors"]!["values.score"]);
        var badChoice = await sales.PostAsJsonAsync($"/api/tasks/{salesTaskId}/complete", new { values = new { color = "Purple", score = 4, features = new[] { "A", "Z" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badChoice.StatusCode);
        var errors = (await badChoice.ReadAsync())["errors"]!.AsObject();
        Assert.NotNull(errors["values.color"]);
        Assert.NotNull(errors["values.features"]);
        Assert.Equal(0, await ResponseCountAsync(app, campaignId));
        Assert.Equal("Assigned", (await TaskAsync(sales, salesTaskId))["status"]!.GetValue<string>());

        // Completed through the task API: the response is entered for the employee, the task leaves the inbox.
        var completed = await sales.PostAsJsonAsync(
            $"/api/tasks/{salesTaskId}/complete", new { values = new { color = "Red", score = "4", features = new[] { "A", "C" }, budget = "250", comment = "Fine" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Completed", (await completed.ReadAsync())["task"]!["status"]!.GetValue<string>());
        var response = await QueryAsync(app, db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.CampaignId == campaignId, Ct));
        Assert.Equal(RespondentKind.Employee, response.RespondentKind);
        Assert.Equal(ids["sales"], response.RespondentId);
        Assert.Equal(ids["sales"], response.EnteredById);
        Assert.Equal(4, response.Answers["score"].GetInt32());
        Assert.Equal(["A", "C"], response.Answers["features"].EnumerateArray().Select(e => e.GetString()));
        Assert.Empty((await InboxAsync(sales))["items"]!.AsArray());
        var again = await sales.PostAsJsonAsync($"/api/tasks/{salesTaskId}/complete", new { values = new { color = "Red", score = 4 } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The handler's answer is entered by marketing (paper form): the handler's task is withdrawn, not left open.
        var entered = await marketing.PostAsJsonAsync($"/api/survey-campaigns/{campaignId}/responses",
            new { respondentKind = "Employee", respondentId = ids["handler"], answers = new { color = "Blue", score = 2 } }, Ct);
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var handlerTaskId = handlerTask["id"]!.GetValue<string>();
        Assert.Equal("Cancelled", (await TaskAsync(handler, handlerTaskId))["status"]!.GetValue<string>());
        Assert.Empty((await InboxAsync(handler))["items"]!.AsArray());
        Assert.Equal(2, await ResponseCountAsync(app, campaignId));

        // A day before the end: only the employee who has not answered is reminded, once.
        Assert.Empty(await NotificationsAsync(designer));
        clock.Advance(TimeSpan.FromDays(6));
        await WorkflowDatabase.EventuallyAsync(async () => (await CampaignAsync(app, campaignId)).RemindedAt is not null, "the reminder should go out a day before the end");

        // Days later the access tokens have expired: sign in again.
        (sales, handler, designer, marketing) = (await app.CreateClient().SignedInAsAsync("sales"), await app.CreateClient().SignedInAsAsync("handler"),
            await app.CreateClient().SignedInAsAsync("designer"), await app.CreateClient().SignedInAsAsync("marketing"));
        var reminder = Assert.Single(await NotificationsAsync(designer))!;
        Assert.Equal("SurveyReminder", reminder["kind"]!.GetValue<string>());
        Assert.Equal(campaignId.ToString(), reminder["reference"]!.GetValue<string>());
        Assert.Equal("/inbox", reminder["link"]!.GetValue<string>());
        Assert.Empty(await NotificationsAsync(sales));
        Assert.Empty(await NotificationsAsync(handler));
        Assert.Equal("Assigned", (await TaskAsync(designer, designerTask["id"]!.GetValue<string>()))["status"]!.GetValue<string>());

        // At the end: closed, the flow finished, the task still open withdrawn from the inbox.
        clock.Advance(TimeSpan.FromDays(1));
        await WorkflowDatabase.EventuallyAsync(
            async () => (await WorkflowDatabase.FindInstanceAsync(app, instanceId))?.SubStatus == WorkflowSubStatus.Finished, "the flow should finish at the end");
        Assert.Equal(SurveyCampaignStatus.Closed, (await CampaignAsync(app, campaignId)).Status);
        (designer, marketing) = (await app.CreateClient().SignedInAsAsync("designer"), await app.CreateClient().SignedInAsAsync("marketing"));
        Assert.Equal("Cancelled", (await TaskAsync(designer, designerTask["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        Assert.Empty((await InboxAsync(designer))["items"]!.AsArray());
        Assert.Single(await NotificationsAsync(designer));
        var results = await (await marketing.GetAsync($"/api/survey-campaigns/{campaignId}/results", Ct)).ReadAsync();
        Assert.Equal(2, results["responseCount"]!.GetValue<int>());
    }

    private static async Task<JsonNode> InboxAsync(HttpClient user) =>
        await (await user.GetAsync("/api/tasks?scope=Mine", Ct)).ReadAsync();

    private static async Task<JsonNode> TaskAsync(HttpClient user, string id) =>
        (await (await user.GetAsync($"/api/tasks/{id}", Ct)).ReadAsync())["task"]!;

    private static async Task<JsonArray> NotificationsAsync(HttpClient user)
    {
        using var response = await user.GetAsync("/api/notifications", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["items"]!.AsArray();
    }

    private static Task<int> ResponseCountAsync(WebApplicationFactory<Program> app, Guid campaignId) =>
        QueryAsync(app, db => db.SurveyResponses.CountAsync(r => r.CampaignId == campaignId, Ct));

    private static Task<SurveyCampaign> CampaignAsync(WebApplicationFactory<Program> app, Guid id) =>
        QueryAsync(app, db => db.SurveyCampaigns.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    private static async Task<T> QueryAsync<T>(WebApplicationFactory<Program> app, Func<CrmDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}

public sealed class SurveyCampaignFlowTests_Sqlite(SqliteHost host) : SurveyCampaignFlowTests(host), IClassFixture<SqliteHost>;

public sealed class SurveyCampaignFlowTests_PostgreSql(PostgreSqlHost host) : SurveyCampaignFlowTests(host), IClassFixture<PostgreSqlHost>;
