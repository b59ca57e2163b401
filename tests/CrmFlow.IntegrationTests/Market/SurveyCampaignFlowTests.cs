using System.Net;
using System.Net.Http.Json;
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
/// clock the test moves: opened at the start, reminded before the end, closed at the end.
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
