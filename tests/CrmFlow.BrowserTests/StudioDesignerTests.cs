using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The real Elsa Studio against CrmFlow's API: a designer edits and publishes a flow, a reader cannot.</summary>
[Collection(BrowserGroup.Name)]
public sealed class StudioDesignerTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "CrmFlow!2026";
    private const string IntegrationApiKey = "cfk_demo-integration-key-not-for-production";
    private const string SaveIcon = "M17 3H5c-1.11";
    private const string PublishIcon = "M19.35 10.04C18.67";

    /// <summary>Every workflow file of the repository (the host imports them at start-up).</summary>
    public static IEnumerable<TheoryDataRow<string>> WorkflowFiles() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            .Select(file => new TheoryDataRow<string>(file));

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task Designer_opens_a_flow_sees_every_activity_adds_and_connects_one_saves_and_publishes(string file)
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", file), Ct))!.AsObject();
        var definitionId = (string)definition["definitionId"]!;
        var activityCount = definition["root"]!["activities"]!.AsArray().Count;
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SetViewportSizeAsync(1600, 1000);

        // The definition list, then the editor.
        await SignInAsync(page, "/studio", "designer");
        await Assertions.Expect(page.Locator("elsa-workflow-definition-list").GetByText((string)definition["name"]!).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GotoAsync("/studio/definitions/" + definitionId);
        var nodes = page.Locator(".x6-graph .x6-node");
        await Assertions.Expect(nodes).ToHaveCountAsync(activityCount, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Assertions.Expect(Button(page, PublishIcon)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot(file, "a-opened") });

        // Drag a Write Line from the picker onto the canvas.
        await page.GetByText("Console", new() { Exact = true }).First.ClickAsync();
        var canvas = page.Locator(".x6-graph").First;
        var box = (await canvas.BoundingBoxAsync())!;
        await page.GetByText("Write Line", new() { Exact = true }).First.DragToAsync(canvas, new()
        {
            TargetPosition = new() { X = box.Width * 0.4f, Y = box.Height * 0.85f },
        });
        await Assertions.Expect(nodes).ToHaveCountAsync(activityCount + 1);
        var added = nodes.Last;

        // Connect the last original node's out-port to the new node's in-port.
        var edges = page.Locator(".x6-graph .x6-edge");
        var edgeCount = await edges.CountAsync();
        await page.ScreenshotAsync(new() { Path = Shot(file, "b-dropped") });
        // From the last original node that has an out-port (a terminal node such as End has none); the added node is last.
        // The designer opens at 100 % without fitting the flow to the canvas, so a port outside the visible canvas
        // cannot be grabbed: such nodes are passed over. A port the designer refuses (already connected, or covered
        // by the dropped node) leaves no edge: try the previous node then.
        var withOutPorts = nodes.Filter(new() { Has = page.Locator(".x6-port-body[port-group='out']") });
        var target = added.Locator(".x6-port-body[port-group='in'] circle.elsa-designer-port-hit-area").First;
        var tried = new List<string>();
        for (var candidate = await withOutPorts.CountAsync() - 2; candidate >= 0; candidate--)
        {
            var source = withOutPorts.Nth(candidate).Locator(".x6-port-body[port-group='out'] circle.elsa-designer-port-hit-area").Last;
            if (await source.BoundingBoxAsync() is not { } port || !Inside(port, box))
            {
                tried.Add($"node {candidate}: port outside the canvas");
                continue;
            }

            await DragAsync(page, source, target);
            try
            {
                await Assertions.Expect(edges).ToHaveCountAsync(edgeCount + 1, new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException)
            {
                tried.Add($"node {candidate}: no edge");
            }
        }

        Assert.True(await edges.CountAsync() == edgeCount + 1, "No out-port accepted the new edge: " + string.Join("; ", tried));
        await page.ScreenshotAsync(new() { Path = Shot(file, "b-connected") });

        // Save, then publish.
        await Button(page, SaveIcon).ClickAsync();
        await Button(page, PublishIcon).ClickAsync();
        await Assertions.Expect(page.GetByText("published", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Shot(file, "c-published") });

        using var api = await ApiClientAsync("designer");
        var published = (await api.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published", Ct))!;
        Assert.Equal(activityCount + 1, published["root"]!["activities"]!.AsArray().Count);
        Assert.True((int)published["version"]! > (int)definition["version"]!);

        // The new version runs: through its HTTP trigger when it has one, else through execute.
        var instanceId = await RunAsync(api, definitionId, definition);
        var instance = (await api.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-instances/" + instanceId, Ct))!;
        Assert.Equal((string)published["id"]!, (string)instance["definitionVersionId"]!);

        // The instance list shows it; its row opens the viewer with the journal and execution counts.
        await page.GotoAsync("/studio/instances");
        await Assertions.Expect(page.Locator("elsa-workflow-instance-list").GetByText((string)definition["name"]!).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Shot(file, "d-instances") });
        await page.GotoAsync("/studio/instances/" + instanceId);
        await Assertions.Expect(page.Locator(".x6-graph .x6-node")).ToHaveCountAsync(activityCount + 1, new() { Timeout = 60_000 });
        var viewer = page.Locator("elsa-workflow-instance-viewer");
        // The viewer shows the steps the run took with their execution counts; when the run passed the added node
        // (it hangs off the last node with an out-port, which a branching flow may not reach), that node shows 1.
        await Assertions.Expect(viewer.Locator(".x6-graph .x6-node .mud-badge").First).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        var addedId = ((JsonArray)published["root"]!["activities"]!).Select(a => (string)a!["id"]!).Except(
            definition["root"]!["activities"]!.AsArray().Select(a => (string)a!["id"]!)).Single();
        var journal = await api.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-instances/{instanceId}/journal", Ct);
        if (journal!["items"]!.AsArray().Any(r => (string?)r!["activityId"] == addedId))
        {
            await Assertions.Expect(viewer.Locator(".x6-graph .x6-node").Last.Locator(".mud-badge")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        }

        if ((string?)instance["status"] == "Finished" && (string?)instance["subStatus"] == "Finished")
        {
            await Assertions.Expect(viewer).ToContainTextAsync("Completed");
        }
        await Assertions.Expect(viewer.Locator(".x6-graph .x6-node").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot(file, "e-viewer") });
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        BrowserAssert.NoErrors(errors);
    }

    [Fact]
    public async Task A_reader_sees_the_flow_read_only_without_a_publish_button()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SetViewportSizeAsync(1600, 1000);
        await SignInAsync(page, "/studio/definitions/hello-world", "supervisor");
        await Assertions.Expect(page.Locator(".x6-graph .x6-node").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText("read-only mode", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Equal(0, await Button(page, PublishIcon).CountAsync());
        Assert.Equal(0, await Button(page, SaveIcon).CountAsync());
        await page.ScreenshotAsync(new() { Path = Shot("reader", "editor") });
        BrowserAssert.NoErrors(errors);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Button(IPage page, string iconPath) => page.Locator($"button.mud-icon-button:has(path[d^=\"{iconPath}\"])").First;

    private static string Shot(string file, string step)
    {
        var folder = Path.Combine(Path.GetTempPath(), "crmflow-browser-shots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}-{step}.png");
    }

    private static async Task SignInAsync(IPage page, string path, string user)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static bool Inside(LocatorBoundingBoxResult inner, LocatorBoundingBoxResult outer) =>
        inner.X >= outer.X && inner.Y >= outer.Y && inner.X + inner.Width <= outer.X + outer.Width && inner.Y + inner.Height <= outer.Y + outer.Height;

    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var a = (await from.BoundingBoxAsync())!;
        var b = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b.X + (b.Width / 2), b.Y + (b.Height / 2), new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// Runs the published version the way its users do: flows with a trigger of their own through it (with the
    /// integration API key and a real body when the trigger asks for them), others through Elsa's execute endpoint.
    /// </summary>
    private async Task<string> RunAsync(HttpClient api, string definitionId, JsonObject definition)
    {
        using var integration = new HttpClient { BaseAddress = server.BaseAddress };
        integration.DefaultRequestHeaders.Add("X-Api-Key", IntegrationApiKey);
        switch (definitionId)
        {
            case "complaint-handling":
            {
                // The integration trigger validates the business codes, records the complaint and starts the flow.
                using var posted = await integration.PostAsJsonAsync("/workflows/complaints", new
                {
                    customerCode = "C001", reasonCode = "QUALITY", targetType = "Product", targetName = "Pump P-100", details = "Leaks after a week.",
                }, Ct);
                Assert.Equal(System.Net.HttpStatusCode.Accepted, posted.StatusCode);
                return (string)(await posted.Content.ReadFromJsonAsync<JsonObject>(Ct))!["workflowInstanceId"]!;
            }

            case "intent-promotion":
            {
                using var sales = await ApiClientAsync("admin");
                var intent = (await sales.GetFromJsonAsync<JsonArray>("/api/intents?status=Open", Ct))!.First()!;
                var mode = (await sales.GetFromJsonAsync<JsonArray>("/api/sales-modes", Ct))!.First()!;
                using var promoted = await integration.PostAsJsonAsync($"/workflows/sales/intents/{intent["id"]}/promotion", new
                {
                    salesModeId = (string)mode["id"]!, expectedAmount = 12_000m, expectedCloseDate = "2027-06-30",
                }, Ct);
                Assert.True(promoted.IsSuccessStatusCode, $"promotion: {(int)promoted.StatusCode} {await promoted.Content.ReadAsStringAsync(Ct)}");
                return await NewestInstanceAsync(api, definitionId);
            }

            case "opportunity-activity-alerts":
            {
                // Planning an activity starts the flow; it waits on its durable timer for the due alert.
                using var sales = await ApiClientAsync("sales");
                var me = (await sales.GetFromJsonAsync<JsonObject>("/api/me", Ct))!;
                var opportunity = (await sales.GetFromJsonAsync<JsonArray>("/api/opportunities?status=Open", Ct))!.First()!;
                using var planned = await sales.PostAsJsonAsync($"/api/opportunities/{opportunity["id"]}/activities", new
                {
                    kind = "visit", subject = "Designer test visit", executorId = (string)me["id"]!, dueAt = DateTimeOffset.UtcNow.AddDays(3),
                }, Ct);
                Assert.True(planned.IsSuccessStatusCode, $"plan: {(int)planned.StatusCode} {await planned.Content.ReadAsStringAsync(Ct)}");
                return (string)(await planned.Content.ReadFromJsonAsync<JsonObject>(Ct))!["alertWorkflowInstanceId"]!;
            }

            case "survey-campaign":
            {
                // A campaign launched from the CRM runs the published flow; its start has passed, so the flow opens it at
                // once (an external campaign asks nobody through the inbox) and waits for the reminder.
                using var marketing = await ApiClientAsync("admin");
                using var template = await marketing.PostAsJsonAsync("/api/questionnaire-templates", new
                {
                    name = "Designer test " + Guid.NewGuid().ToString("N")[..6], description = "designer test",
                    questions = new object[] { new { key = "score", text = "Satisfaction", kind = "Rating", required = true, scaleMax = 5 } },
                }, Ct);
                Assert.Equal(System.Net.HttpStatusCode.Created, template.StatusCode);
                var templateId = (string)(await template.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
                using var campaign = await marketing.PostAsJsonAsync("/api/survey-campaigns", new
                {
                    name = "Designer test campaign", templateId, audience = "External",
                    startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddDays(7),
                }, Ct);
                Assert.Equal(System.Net.HttpStatusCode.Created, campaign.StatusCode);
                var campaignId = (string)(await campaign.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
                using var launched = await marketing.PostAsync($"/api/survey-campaigns/{campaignId}/launch", null, Ct);
                Assert.True(launched.IsSuccessStatusCode, $"launch: {(int)launched.StatusCode} {await launched.Content.ReadAsStringAsync(Ct)}");
                return (string)(await launched.Content.ReadFromJsonAsync<JsonObject>(Ct))!["workflowInstanceId"]!;
            }

            case "opportunity-stage-advancement":
            {
                using var sales = await ApiClientAsync("admin");
                var opportunity = (await sales.GetFromJsonAsync<JsonArray>("/api/opportunities?status=Open", Ct))!.First()!;
                using var advanced = await integration.PostAsJsonAsync(
                    $"/workflows/sales/opportunities/{opportunity["id"]}/stage-advancements", new { summary = "Reviewed in the designer test" }, Ct);

                // Accepted, or refused by a stage gate with its unmet conditions: either way the flow ran to its answer.
                Assert.True(
                    advanced.IsSuccessStatusCode || advanced.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity,
                    $"advancement: {(int)advanced.StatusCode} {await advanced.Content.ReadAsStringAsync(Ct)}");
                return await NewestInstanceAsync(api, definitionId);
            }
        }

        var endpoint = definition["root"]!["activities"]!.AsArray().OfType<JsonObject>().FirstOrDefault(a => (string?)a["type"] == "Elsa.HttpEndpoint");
        if (endpoint is null)
        {
            // A flow started by a cron or event trigger runs from that trigger (as when it fires); an event trigger
            // gets a sample payload of the events CrmFlow publishes (a customer who dropped a value tier).
            var trigger = definition["root"]!["activities"]!.AsArray().OfType<JsonObject>()
                .FirstOrDefault(a => (bool?)a["customProperties"]?["canStartWorkflow"] == true);
            object? payload = (string?)trigger?["type"] == "Elsa.Event"
                ? new { customerCode = "C001", customerName = "Sample", modelName = "Sample", oldTier = "A", newTier = "B", direction = "Down" }
                : null;
            using var execute = await api.PostAsJsonAsync(
                $"/elsa/api/workflow-definitions/{definitionId}/execute",
                new { versionOptions = "Published", triggerActivityId = (string?)trigger?["id"], input = new { Payload = payload } },
                Ct);
            return execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        }

        var path = (string)endpoint["path"]!["expression"]!["value"]!;
        var methods = JsonNode.Parse((string)endpoint["supportedMethods"]!["expression"]!["value"]!)!.AsArray();
        using var request = new HttpRequestMessage(new HttpMethod((string)methods[0]!), "/workflows/" + path.TrimStart('/'));
        using var response = await api.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
        return await NewestInstanceAsync(api, definitionId);
    }

    private static async Task<string> NewestInstanceAsync(HttpClient api, string definitionId)
    {
        using var search = await api.PostAsJsonAsync("/elsa/api/workflow-instances", new { page = 0, pageSize = 1, definitionIds = new[] { definitionId }, orderDirection = "Descending" }, Ct);
        var items = (await search.Content.ReadFromJsonAsync<JsonObject>(Ct))!["items"]!.AsArray();
        return (string)items[0]!["id"]!;
    }

    private async Task<HttpClient> ApiClientAsync(string user)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var login = await client.PostAsJsonAsync("/elsa/api/identity/login", new { username = user, password = Password }, Ct);
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>(Ct))!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
