using Microsoft.Playwright;

namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>Helpers every browser test uses: a page that records console errors and failed requests.</summary>
public static class PageExtensions
{
    /// <summary>The demo users' password (DEMO ONLY, see appsettings.json).</summary>
    public const string DemoPassword = "CrmFlow!2026";

    /// <summary>The open browser contexts and the test that opened each (browser tests run one at a time).</summary>
    private static readonly Dictionary<IBrowserContext, string> OpenContexts = [];

    /// <summary>
    /// A new page in a context of its own. The pages earlier tests opened are closed first: left open, each keeps its
    /// Blazor circuit or its Studio WebAssembly app running, and later tests would share the two cores with all of them.
    /// </summary>
    public static async Task<(IPage Page, List<string> Errors)> NewCheckedPageAsync(
        this IBrowser browser, Uri baseAddress, string? locale = null)
    {
        var test = TestContext.Current.Test?.UniqueID ?? string.Empty;
        foreach (var (stale, _) in OpenContexts.Where(c => c.Value != test).ToArray())
        {
            OpenContexts.Remove(stale);
            await stale.CloseAsync();
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale ?? "en-US" });
        OpenContexts[context] = test;
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        return (page, errors);
    }

    /// <summary>Signs in through the web UI's sign-in page and waits for the page it returns to.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string returnUrl = "/customers")
    {
        await page.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl.Split('?')[0], new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Clicks a tab until it is the selected one. A tab strip wider than the page scrolls to the tab just chosen once
    /// the server has rendered it, so a click right after another can land where a tab was a moment before.
    /// </summary>
    public static async Task SelectTabAsync(this IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name });
        for (var attempt = 1; ; attempt++)
        {
            await tab.ClickAsync();
            try
            {
                await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // The click missed: try again.
            }
        }
    }
}
