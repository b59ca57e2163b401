using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The /studio host pages: sign-in against CrmFlow's identity endpoint and the Studio element with the token.</summary>
[Collection(BrowserGroup.Name)]
public sealed class StudioHostPageTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Studio_page_asks_for_sign_in_and_refuses_a_wrong_password()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);

        await page.GotoAsync("/studio");
        var form = page.Locator("#studio-signin");
        await Assertions.Expect(form).ToBeVisibleAsync();
        BrowserAssert.NoErrors(errors);

        await page.GetByLabel("User name").FillAsync("designer");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        Assert.Equal(0, await page.Locator("elsa-workflow-definition-list").CountAsync());
    }

    [Fact]
    public async Task Signed_in_designer_gets_the_definition_list_element_with_an_access_token()
    {
        var (page, _) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);

        await page.GotoAsync("/studio");
        await page.GetByLabel("User name").FillAsync("designer");
        await page.GetByLabel("Password").FillAsync("CrmFlow!2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var list = page.Locator("elsa-workflow-definition-list");
        await Assertions.Expect(list).ToHaveCountAsync(1);
        Assert.EndsWith("/elsa/api", await list.GetAttributeAsync("remote-endpoint"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await list.GetAttributeAsync("access-token")));
        await Assertions.Expect(page.GetByTestId("studio-user")).ToHaveTextAsync("designer");
        await Assertions.Expect(page.GetByTestId("studio-readonly")).ToBeHiddenAsync();
    }
}
