using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>
/// The sales pages: an intent promoted through the intent-promotion flow (into the project mode, so the standard-mode funnel
/// over the seeded data stays as seeded), a stage advance refused by a gate, and the funnel colours.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SalesUiTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Sales_rep_promotes_a_demo_intent_then_an_advance_is_refused_with_its_unmet_gate()
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
        await page.GetByRole(AriaRole.Tab, new() { Name = "Touches" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("touches")).ToContainTextAsync("Sent brochure and reference list.");

        // The tender needs a quote: the flow refuses and the page lists the unmet condition.
        await page.GetByLabel("Summary").FillAsync("Qualified, moving to the tender.");
        await page.GetByTestId("advance-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("Refused: the stage's conditions are not met:");
        await Assertions.Expect(page.GetByTestId("unmet-quote_exists")).ToHaveTextAsync("a quote must exist");
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("立项 Qualification");

        Assert.Empty(errors);
        Assert.Empty(server.ServerErrors);
    }

    [Fact]
    public async Task Funnel_page_colours_the_seeded_standard_mode_against_the_company_quota()
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
        Assert.Empty(errors);
        Assert.Empty(server.ServerErrors);
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
        Assert.Empty(errors);
        Assert.Empty(server.ServerErrors);
    }
}
