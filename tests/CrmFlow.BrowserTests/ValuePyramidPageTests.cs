using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The value pyramid page: a seeded model computed, drawn as a pyramid, and one tier drilled into.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ValuePyramidPageTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string RevenueModel = "销售额金字塔 Revenue 80/20";

    [Fact]
    public async Task Admin_computes_the_seeded_revenue_pyramid_and_drills_into_the_top_tier()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin", "/value-pyramid");

        await page.GetByTestId("pyramid-model").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = RevenueModel }).ClickAsync();
        await page.GetByTestId("pyramid-compute").ClickAsync();

        await Assertions.Expect(page.GetByTestId("pyramid")).ToContainTextAsync(RevenueModel);

        var tiers = page.GetByTestId("pyramid-tier");
        await Assertions.Expect(tiers).ToHaveCountAsync(3);
        await Assertions.Expect(tiers.Nth(0)).ToHaveAttributeAsync("data-tier", "A");
        await Assertions.Expect(page.GetByTestId("pyramid-period")).ToContainTextAsync("Period ");
        await Assertions.Expect(page.GetByTestId("pyramid-coverage")).ToContainTextAsync("customers without transactions");

        var topCount = await tiers.Nth(0).GetByTestId("pyramid-tier-count").InnerTextAsync();
        await tiers.Nth(0).ClickAsync();

        var drilldown = page.GetByTestId("pyramid-drilldown");
        await Assertions.Expect(drilldown).ToContainTextAsync("Tier A:");
        await Assertions.Expect(drilldown.GetByTestId("pyramid-customer").First).ToContainTextAsync("C001");
        var rows = await drilldown.GetByTestId("pyramid-customer").CountAsync();
        Assert.Equal($"{rows} customers", topCount);
        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }
}
