using Microsoft.Playwright;

namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>Helpers every browser test uses: a page that records console errors and failed requests.</summary>
public static class PageExtensions
{
    public static async Task<(IPage Page, List<string> Errors)> NewCheckedPageAsync(this IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
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
}
