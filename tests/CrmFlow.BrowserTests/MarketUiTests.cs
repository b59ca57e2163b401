using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>Market pages: design a questionnaire, run a campaign, enter responses and see the charts; competitors.</summary>
[Collection(BrowserGroup.Name)]
public sealed class MarketUiTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Marketing_designs_a_template_runs_a_campaign_enters_responses_and_sees_the_charts()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin", "/surveys/templates");

        // Designer: a single choice and a rating.
        await page.GetByTestId("template-new").ClickAsync();
        var designer = page.GetByTestId("template-designer");
        await designer.GetByLabel("Name").First.FillAsync("Browser satisfaction");
        var first = page.GetByTestId("question-0");
        await first.GetByLabel("Key").FillAsync("color");
        await first.GetByLabel("Question").FillAsync("Favourite colour");
        await first.GetByLabel("Options (one per line)").FillAsync("Red\nGreen\nBlue");
        await page.GetByTestId("question-add").ClickAsync();
        var second = page.GetByTestId("question-1");
        await second.GetByLabel("Key").FillAsync("score");
        await second.GetByLabel("Question").FillAsync("Satisfaction");
        await page.GetByTestId("question-1-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Rating" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("question-1-scale")).ToBeVisibleAsync();
        await page.GetByTestId("template-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-message")).ToContainTextAsync("Saved (version 1).");

        // Campaign on it, opened by hand.
        await page.GotoAsync("/surveys/campaigns");
        await page.GetByTestId("campaign-new").ClickAsync();
        await page.GetByLabel("Name").First.FillAsync("Browser campaign");
        await page.GetByTestId("campaign-template").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Browser satisfaction (v1)" }).ClickAsync();
        await page.GetByTestId("campaign-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Planned");
        await page.GetByTestId("campaign-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Open");

        // Two returned questionnaires; a missing required answer is named.
        await EnterResponseAsync(page, "C001 · 华东精密机械有限公司 Huadong Precision Machinery", "Red", 4);
        await EnterResponseAsync(page, "C002 · Northwind Traders", "Green", 2);
        await Assertions.Expect(page.GetByTestId("campaign-response-count")).ToContainTextAsync("2");
        await SelectCustomerAsync(page, "C003 · 北京智联科技 Beijing Zhilian Technology");
        await page.GetByTestId("response-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("answer-color-error")).ToBeVisibleAsync();

        // Results with charts.
        await page.SelectTabAsync("Results");
        await Assertions.Expect(page.GetByTestId("results-count")).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByTestId("result-color-Red-percent")).ToHaveTextAsync("50 %");
        await Assertions.Expect(page.GetByTestId("result-score-stats")).ToContainTextAsync("Average: 3 · Median: 3");
        await Assertions.Expect(page.GetByTestId("result-color").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("result-score").Locator("svg").First).ToBeVisibleAsync();

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task An_employee_answers_the_survey_task_in_the_inbox_through_the_questionnaire_form()
    {
        var chromium = browser.RequireBrowser();
        using var admin = await ApiAsync("admin");
        var users = (await admin.GetFromJsonAsync<JsonArray>("/api/users", Ct))!;
        var handlerId = (string)users.First(u => (string?)u!["userName"] == "handler")!["id"]!;
        using var template = await admin.PostAsJsonAsync("/api/questionnaire-templates", new
        {
            name = "Employee pulse", description = "inbox test",
            questions = new object[]
            {
                new { key = "color", text = "Favourite colour", kind = "SingleChoice", required = true, options = new[] { "Red", "Green", "Blue" } },
                new { key = "features", text = "Features used", kind = "MultipleChoice", required = false, options = new[] { "A", "B", "C" } },
                new { key = "score", text = "Satisfaction", kind = "Rating", required = true, scaleMax = 5 },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, template.StatusCode);
        var templateId = (string)(await template.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;

        // Launched with its start passed: the flow opens it at once and puts the task in the employee's inbox.
        using var created = await admin.PostAsJsonAsync("/api/survey-campaigns", new
        {
            name = "Employee pulse 2026", templateId, audience = "Internal", participantIds = new[] { handlerId },
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddDays(7),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
        using var launched = await admin.PostAsync($"/api/survey-campaigns/{campaignId}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);

        var (page, errors) = await chromium.NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("handler", "/inbox");
        var row = page.GetByTestId("inbox-table").Locator("tr", new() { HasText = "Survey: Employee pulse 2026" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByText("Survey: Employee pulse 2026").ClickAsync();
        var form = page.GetByTestId("task-form");
        await Assertions.Expect(form).ToBeVisibleAsync();

        // A rating off the scale is refused on the field; nothing is stored.
        await page.GetByTestId("field-color").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Green" }).ClickAsync();
        await page.GetByTestId("field-features-B").ClickAsync();
        await page.GetByLabel("Satisfaction *").FillAsync("9");
        await page.GetByTestId("complete-Done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-message")).ToContainTextAsync("Please fix the marked fields.");
        await Assertions.Expect(form).ToContainTextAsync("between 1 and 5");

        await page.GetByLabel("Satisfaction *").FillAsync("4");
        await page.GetByTestId("complete-Done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-message")).ToContainTextAsync("\"Survey: Employee pulse 2026\" completed.");
        await Assertions.Expect(form).ToBeHiddenAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        var campaign = (await admin.GetFromJsonAsync<JsonObject>($"/api/survey-campaigns/{campaignId}", Ct))!;
        Assert.Equal(1, (int)campaign["responseCount"]!);
        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task Marketing_records_a_competitor_links_an_opportunity_and_sees_the_analysis()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("marketing", "/competitors");

        await page.GetByLabel("New competitor").FillAsync("Browser Rival");
        await page.GetByTestId("competitor-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("competitor-profile")).ToBeVisibleAsync();
        await page.GetByLabel("Strengths").FillAsync("Low prices");
        await page.GetByTestId("assessment-add").ClickAsync();
        await page.GetByLabel("Dimension").FillAsync("Price");
        await page.GetByTestId("competitor-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("competitor-message")).ToHaveTextAsync("Saved.");

        await page.GetByLabel("Opportunity no.").FillAsync("OPP-9");
        await Assertions.Expect(page.GetByTestId("link-save")).ToBeEnabledAsync(); // the reference reached the server
        await page.GetByTestId("link-outcome").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Won" }).ClickAsync();
        // MudSelect renders its value outside an input; wait for the list to close, and the saved
        // record's win rate below proves "Won" was bound.
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Won" })).ToBeHiddenAsync();
        await page.GetByTestId("link-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("competitor-opportunities")).ToContainTextAsync("OPP-9");
        await Assertions.Expect(page.GetByTestId("competitor-record")).ToContainTextAsync("Win rate: 100 %");

        await page.GotoAsync("/competitors");
        await page.SelectTabAsync("Analysis");
        await Assertions.Expect(page.GetByTestId("record-Browser Rival")).ToContainTextAsync("100 %");
        await Assertions.Expect(page.GetByTestId("competitor-matrix")).ToContainTextAsync("Price");

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var login = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = "CrmFlow!2026" }, Ct);
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>(Ct))!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task SelectCustomerAsync(IPage page, string customer)
    {
        await page.GetByTestId("respondent-customer").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = customer }).ClickAsync();
    }

    private static async Task EnterResponseAsync(IPage page, string customer, string color, int rating)
    {
        await SelectCustomerAsync(page, customer);
        await page.GetByTestId($"answer-color-{color}").ClickAsync();
        await page.GetByTestId("answer-score-rating").Locator(".mud-rating-item").Nth(rating - 1).ClickAsync();
        await page.GetByTestId("response-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-message")).ToHaveTextAsync("Response saved.");
    }
}
