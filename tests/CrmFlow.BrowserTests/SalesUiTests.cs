using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>
/// The sales pages: intents promoted through the intent-promotion flow (into the project mode, so the standard-mode funnel
/// over the seeded data stays as seeded), a stage advance refused by a gate and accepted once the gate is met in the UI,
/// an opportunity advanced to won with its order execution from the ledger, the funnel colours and the forecast chart.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SalesUiTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The demo integration client's key (DEMO ONLY, see appsettings.json).</summary>
    private const string IntegrationApiKey = "cfk_demo-integration-key-not-for-production";

    [Fact]
    public async Task Sales_rep_promotes_an_intent_is_refused_by_the_quote_gate_adds_a_quote_and_advances()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("sales", "/intents");

        await Assertions.Expect(page.GetByTestId("intent-status-P001")).ToHaveTextAsync("Open");
        await page.GetByTestId("promote-P001").ClickAsync();
        await page.GetByTestId("promote-mode").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "项目销售 Project sale" }).ClickAsync();
        await page.GetByTestId("promote-stage").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "立项 Qualification" }).ClickAsync();
        // The stage list closes before the dialog's button takes the click.
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "立项 Qualification" })).ToBeHiddenAsync();
        await page.GetByTestId("promote-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("intent-result")).ToContainTextAsync("was promoted to an opportunity.");
        await page.GetByTestId("intent-result-opportunity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("opportunity-customer")).ToContainTextAsync("Hangzhou West Lake Tea");
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("立项 Qualification");
        await page.SelectTabAsync("Touches");
        await Assertions.Expect(page.GetByTestId("touches")).ToContainTextAsync("Sent brochure and reference list.");

        // The tender needs a quote: the flow refuses and the page lists the unmet condition.
        await page.GetByLabel("Summary").FillAsync("Qualified, moving to the tender.");
        await page.GetByTestId("advance-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("Refused: the stage's conditions are not met:");
        await Assertions.Expect(page.GetByTestId("unmet-quote_exists")).ToHaveTextAsync("a quote must exist");
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("立项 Qualification");

        // The rep meets the gate in the UI: a quote, then the same advance goes through.
        await page.SelectTabAsync("Quotes");
        await page.GetByLabel("Amount").FillAsync("120000");
        await page.GetByLabel("Note").FillAsync("Tender price, 50 seats");
        await page.GetByTestId("quote-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The quote was added.");
        await Assertions.Expect(page.GetByTestId("quotes")).ToContainTextAsync("120,000");
        await Assertions.Expect(page.GetByTestId("quotes")).ToContainTextAsync("Tender price, 50 seats");

        await page.GetByTestId("advance-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The stage change was recorded.");
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("招投标 Tender");
        await Assertions.Expect(page.GetByTestId("unmet-gates")).ToHaveCountAsync(0);

        await page.SelectTabAsync("Stages");
        var record = page.GetByTestId("stage-records").Locator("tbody tr").Filter(new() { HasText = "Qualified, moving to the tender." });
        await Assertions.Expect(record).ToHaveCountAsync(1);
        await Assertions.Expect(record.GetByTestId("stage-record-from")).ToHaveTextAsync("立项 Qualification");
        await Assertions.Expect(record.GetByTestId("stage-record-to")).ToHaveTextAsync("招投标 Tender");
        await Assertions.Expect(record.GetByTestId("stage-record-time")).ToHaveTextAsync(new Regex(@"^\d+ (min|h|days)$"));

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task Sales_rep_plans_and_completes_a_visit_advances_to_won_and_sees_the_order_execution()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("sales", "/intents");

        await page.GetByTestId("promote-P002").ClickAsync();
        await page.GetByTestId("promote-mode").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "项目销售 Project sale" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "项目销售 Project sale" })).ToBeHiddenAsync();
        await page.GetByLabel("Expected amount").FillAsync("300000");
        await page.GetByTestId("promote-confirm").ClickAsync();
        await page.GetByTestId("intent-result-opportunity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("立项 Qualification");
        var opportunityId = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        // A visit planned for tomorrow (the executor defaults to the rep, whose right on the customer is verified), then done.
        await page.SelectTabAsync("Activities");
        await page.GetByLabel("Subject").FillAsync("Kick-off visit");
        await page.GetByTestId("activity-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The activity was planned");
        await Assertions.Expect(page.GetByTestId("activity-state-Kick-off visit")).ToHaveTextAsync("Planned");
        await page.GetByTestId("activity-complete-Kick-off visit").ClickAsync();
        await page.GetByLabel("Result").FillAsync("Met the CIO; tender in two weeks.");
        await page.GetByTestId("activity-complete-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The activity was marked done.");
        await Assertions.Expect(page.GetByTestId("activity-state-Kick-off visit")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"));
        await Assertions.Expect(page.GetByTestId("activities")).ToContainTextAsync("Met the CIO; tender in two weeks.");

        await page.SelectTabAsync("Quotes");
        await page.GetByLabel("Amount").FillAsync("280000");
        await page.GetByTestId("quote-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quotes")).ToContainTextAsync("280,000");

        foreach (var (summary, stage) in new[] { ("Tender submitted.", "招投标 Tender"), ("Tender won, contract drafted.", "合同 Contract") })
        {
            await page.GetByLabel("Summary").FillAsync(summary);
            await page.GetByTestId("advance-button").ClickAsync();
            await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync(stage);
        }

        await page.GetByTestId("advance-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Close as won" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Close as won" })).ToBeHiddenAsync();
        await page.GetByLabel("Summary").FillAsync("Contract signed for 50 seats.");
        await page.GetByTestId("advance-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("opportunity-status")).ToHaveTextAsync("Won");
        await Assertions.Expect(page.GetByTestId("opportunity-result")).ToHaveTextAsync("Contract signed for 50 seats.");
        await Assertions.Expect(page.GetByTestId("advance-form")).ToHaveCountAsync(0);
        await page.SelectTabAsync("Stages");
        var rows = page.GetByTestId("stage-records").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(2).GetByTestId("stage-record-to")).ToHaveTextAsync("Won");
        await Assertions.Expect(rows.Nth(2).GetByTestId("stage-record-summary")).ToHaveTextAsync("Contract signed for 50 seats.");

        // The sales and AR systems post their documents against the opportunity; the detail page adds them up.
        using (var integration = new HttpClient { BaseAddress = server.BaseAddress })
        {
            integration.DefaultRequestHeaders.Add("X-Api-Key", IntegrationApiKey);
            using var posted = await integration.PostAsJsonAsync("/api/ledger/entries", new
            {
                rows = new object[]
                {
                    new { kind = "Order", externalId = "P002-SO-1", customerCode = "P002", opportunityId, date = "2027-01-05", amount = 280_000m },
                    new { kind = "Delivery", externalId = "P002-DN-1", customerCode = "P002", opportunityId, date = "2027-01-20", amount = 280_000m },
                    new { kind = "Invoice", externalId = "P002-INV-1", customerCode = "P002", opportunityId, date = "2027-01-21", amount = 280_000m },
                    new { kind = "Receipt", externalId = "P002-RC-1", customerCode = "P002", opportunityId, date = "2027-02-10", amount = 100_000m },
                    new { kind = "Receipt", externalId = "P002-RC-2", customerCode = "P002", opportunityId, date = "2027-03-10", amount = 80_000m },
                },
            }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // Order execution is financial data: the rep has no tab for it; a sales manager role (here the administrator) has.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("opportunity-status")).ToHaveTextAsync("Won");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Order execution" })).ToHaveCountAsync(0);

        var (manager, managerErrors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await manager.SignInAsync("admin", $"/opportunities/{opportunityId}");
        await manager.SelectTabAsync("Order execution");
        await Assertions.Expect(manager.GetByTestId("execution-ordered")).ToHaveTextAsync("280,000.00");
        await Assertions.Expect(manager.GetByTestId("execution-invoiced")).ToHaveTextAsync("280,000.00");
        await Assertions.Expect(manager.GetByTestId("execution-received")).ToHaveTextAsync("180,000.00");
        await Assertions.Expect(manager.GetByTestId("execution-orders")).ToContainTextAsync("P002-SO-1");
        await Assertions.Expect(manager.GetByTestId("execution-receipts").Locator("tbody tr")).ToHaveCountAsync(2);

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(managerErrors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task Funnel_page_colours_the_seeded_standard_mode_against_the_company_quota_and_charts_the_forecast()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin", "/funnel");

        await page.GetByTestId("funnel-mode").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "标准产品销售 Standard product sale" }).ClickAsync();

        string[] expected = ["Green", "Yellow", "Red", "Green", "Red"];
        for (var i = 0; i < expected.Length; i++)
        {
            await Assertions.Expect(page.GetByTestId($"funnel-bar-{i}")).ToHaveAttributeAsync("data-color", expected[i]);
        }

        await Assertions.Expect(page.GetByTestId("funnel-bar-0")).ToContainTextAsync("初步接触 Initial contact");
        await Assertions.Expect(page.GetByTestId("funnel-no-quota")).ToHaveCountAsync(0);

        // The forecast of the same mode: the seeded deals close one to four months out (885 k in all, 400 k next month,
        // 147 k of it weighted by the stages' win probabilities), drawn as a chart over the six months.
        await Assertions.Expect(page.GetByTestId("forecast-chart").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("forecast-table").Locator("tr[data-testid^='forecast-month-']")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("forecast-total")).ToContainTextAsync("885,000");
        await Assertions.Expect(page.GetByTestId("forecast-month-1")).ToContainTextAsync("400,000");
        await Assertions.Expect(page.GetByTestId("forecast-month-1")).ToContainTextAsync("147,000");
        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task Sales_rep_moves_a_planned_visit_to_another_day_and_executor_then_cancels_it_with_a_reason()
    {
        // A visit planned through the API on a seeded open opportunity, due in three days at 10:00 (server time).
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        using (var login = await api.PostAsJsonAsync("/elsa/api/identity/login", new { username = "sales", password = PageExtensions.DemoPassword }, TestContext.Current.CancellationToken))
        {
            var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(TestContext.Current.CancellationToken))!["accessToken"]!.GetValue<string>();
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var me = (await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/me", TestContext.Current.CancellationToken))!;
        var opportunity = (await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/opportunities?status=Open", TestContext.Current.CancellationToken))!.First()!;
        var opportunityId = opportunity["id"]!.GetValue<Guid>();
        var due = DateTime.Today.AddDays(3).AddHours(10);
        var newDay = DateTime.Today.AddDays(5);
        using (var planned = await api.PostAsJsonAsync($"/api/opportunities/{opportunityId}/activities", new
        {
            kind = "visit", subject = "Browser visit to move", executorId = me["id"]!.GetValue<Guid>(), dueAt = new DateTimeOffset(due),
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        }

        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("sales", $"/opportunities/{opportunityId}");
        await page.SelectTabAsync("Activities");

        // Edit: another subject, day and executor (the administrator, who has every right on the customer).
        await page.GetByTestId("activity-edit-Browser visit to move").ClickAsync();
        var form = page.GetByTestId("activity-edit-form");
        await Assertions.Expect(form).ToContainTextAsync("Change \"Browser visit to move\"");
        await form.GetByLabel("Subject").FillAsync("Browser visit moved");
        await form.GetByLabel("Due date").FillAsync(newDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Due date").PressAsync("Enter");
        await page.GetByTestId("activity-edit-executor").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "王磊 Wang Lei (admin)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "王磊 Wang Lei (admin)" })).ToBeHiddenAsync();
        await page.GetByTestId("activity-edit-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The activity was changed; its alerts follow the new due time and executor.");
        var row = page.GetByTestId("activities").Locator("tbody tr").Filter(new() { HasText = "Browser visit moved" });
        await Assertions.Expect(row).ToContainTextAsync("王磊 Wang Lei");
        await Assertions.Expect(row).ToContainTextAsync(newDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 10:00");
        await Assertions.Expect(page.GetByTestId("activity-state-Browser visit moved")).ToHaveTextAsync("Planned");

        // Cancel with a reason: the row says so, shows the reason, and offers no more actions.
        await page.GetByTestId("activity-cancel-Browser visit moved").ClickAsync();
        await Assertions.Expect(page.GetByTestId("activity-cancel-confirm")).ToBeDisabledAsync();
        await page.GetByTestId("activity-cancel-form").GetByLabel("Reason for cancelling").FillAsync("The customer postponed the project.");
        await page.GetByTestId("activity-cancel-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The activity was cancelled; nobody is alerted about it any more.");
        await Assertions.Expect(page.GetByTestId("activity-state-Browser visit moved")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(row).ToContainTextAsync("The customer postponed the project.");
        await Assertions.Expect(page.GetByTestId("activity-edit-Browser visit moved")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("activity-cancel-Browser visit moved")).ToHaveCountAsync(0);

        // The API agrees: cancelled, on the new day, with the new executor.
        var activity = (await api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/opportunities/{opportunityId}", TestContext.Current.CancellationToken))!["activities"]!
            .AsArray().Single(a => a!["subject"]!.GetValue<string>() == "Browser visit moved")!;
        Assert.Equal("Cancelled", activity["status"]!.GetValue<string>());
        Assert.Equal(newDay.AddHours(10), activity["dueAt"]!.GetValue<DateTimeOffset>().LocalDateTime);
        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task Quota_calculator_computes_the_stage_quotas_and_a_manager_saves_them()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin", "/quotas");

        // Same inputs as the seeded company quota (1.2 M a year, deals of 100 k), so saving it changes no funnel colour.
        await page.GetByTestId("quota-mode").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "标准产品销售 Standard product sale" }).ClickAsync();
        await page.GetByTestId("quota-compute").ClickAsync();

        await Assertions.Expect(page.GetByTestId("quota-monthly-target")).ToHaveTextAsync("100,000");
        await Assertions.Expect(page.GetByTestId("quota-line-0")).ToContainTextAsync("初步接触 Initial contact");
        await Assertions.Expect(page.GetByTestId("quota-line-4")).ToContainTextAsync("签约 Closing");
        await page.GetByTestId("quota-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quota-result-message")).ToHaveTextAsync("The quota was saved.");
        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task Sales_rep_uploads_a_document_with_the_file_chooser_sees_it_listed_downloads_it_and_deletes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid opportunityId;
        using (var api = new HttpClient { BaseAddress = server.BaseAddress })
        {
            using var login = await api.PostAsJsonAsync("/elsa/api/identity/login", new { username = "sales", password = PageExtensions.DemoPassword }, ct);
            var token = (await login.Content.ReadFromJsonAsync<JsonObject>(ct))!["accessToken"]!.GetValue<string>();
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var open = (await api.GetFromJsonAsync<JsonNode>("/api/opportunities?status=Open", ct))!;
            var items = open is JsonArray array ? array : open["items"]!.AsArray();
            opportunityId = items[0]!["id"]!.GetValue<Guid>();
        }

        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("sales", $"/opportunities/{opportunityId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Documents", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("documents")).ToContainTextAsync("No documents yet.");
        await Assertions.Expect(page.GetByTestId("document-form")).ToContainTextAsync("At most 20 MB per file.");

        // The rep describes the file, then picks it in the browser's file chooser: it is uploaded at once.
        const string fileName = "合同 Contract 2027.pdf";
        var content = new byte[150_000];
        new Random(42).NextBytes(content);
        await page.GetByLabel("Description").FillAsync("Signed framework contract");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("document-choose").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });

        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync($"\"{fileName}\" was uploaded.");
        var row = page.GetByTestId("documents").Locator("tbody tr").Filter(new() { HasText = fileName });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Signed framework contract");
        await Assertions.Expect(row).ToContainTextAsync("Contract");
        await Assertions.Expect(row).ToContainTextAsync("146.5 KB");
        await Assertions.Expect(row).ToContainTextAsync("陈静 Chen Jing");

        // The link is a plain download from the API, authenticated by the sign-in cookie.
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("document-download").ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        Assert.Equal(content, await File.ReadAllBytesAsync((await download.PathAsync())!, ct));

        // Deleting asks first; cancelling keeps it, confirming removes it.
        await row.GetByTestId("document-delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("document-delete-confirmation")).ToContainTextAsync(fileName);
        await page.GetByTestId("document-delete-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("document-delete-confirmation")).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByTestId("document-delete").ClickAsync();
        await page.GetByTestId("document-delete-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("The document was deleted.");
        await Assertions.Expect(page.GetByTestId("documents")).ToContainTextAsync("No documents yet.");

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);

        // The signed-in cookie alone does not let another page post a document: without an antiforgery token it is refused.
        var status = await page.EvaluateAsync<int>(
            """
            async url => {
                const form = new FormData();
                form.append('file', new Blob(['forged'], { type: 'text/plain' }), 'forged.txt');
                return (await fetch(url, { method: 'POST', body: form })).status;
            }
            """,
            $"/api/opportunities/{opportunityId}/documents");
        Assert.Equal(400, status);
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Documents", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("documents")).ToContainTextAsync("No documents yet.");
    }
}
