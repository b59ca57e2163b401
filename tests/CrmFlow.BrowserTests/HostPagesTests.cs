using CrmFlow.BrowserTests.Infrastructure;

namespace CrmFlow.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class HostPagesTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Health_page_renders_in_Chromium_without_errors()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);

        var response = await page.GotoAsync("/health");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        BrowserAssert.NoErrors(errors);
    }
}
