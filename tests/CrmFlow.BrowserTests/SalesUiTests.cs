using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The sales pages: an intent promoted through the intent-promotion flow, then a stage advance refused by a gate.</summary>
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
        await page.GetByRole(AriaRole.Option, new() { Name = "标准产品销售 Standard product sale" }).ClickAsync();
        await page.GetByTestId("promote-stage").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "需求确认 Needs analysis" }).ClickAsync();
        await page.GetByTestId("promote-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("intent-result")).ToContainTextAsync("was promoted to an opportunity.");
        await page.GetByTestId("intent-result-opportunity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("opportunity-customer")).ToContainTextAsync("Hangzhou West Lake Tea");
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("需求确认 Needs analysis");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Touches" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("touches")).ToContainTextAsync("Sent brochure and reference list.");

        // Proposal needs a completed activity: the flow refuses and the page lists the unmet condition.
        await page.GetByLabel("Summary").FillAsync("Needs confirmed, moving to a proposal.");
        await page.GetByTestId("advance-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("advance-result")).ToContainTextAsync("Refused: the stage's conditions are not met:");
        await Assertions.Expect(page.GetByTestId("unmet-activity_completed")).ToHaveTextAsync("a completed activity (e.g. a visit) is required");
        await Assertions.Expect(page.GetByTestId("opportunity-stage")).ToHaveTextAsync("需求确认 Needs analysis");

        Assert.Empty(errors);
        Assert.Empty(server.ServerErrors);
    }
}
