using Microsoft.Playwright;

namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>Helpers every browser test uses: a page that records console errors and failed requests.</summary>
public static class PageExtensions
{
    /// <summary>The demo users' password (DEMO ONLY, see appsettings.json).</summary>
    public const string DemoPassword = "CrmFlow!2026";

    public static async Task<(IPage Page, List<string> Errors)> NewCheckedPageAsync(
        this IBrowser browser, Uri baseAddress, string? locale = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale ?? "en-US" });
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
}
