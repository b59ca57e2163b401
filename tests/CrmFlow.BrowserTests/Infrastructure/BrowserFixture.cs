using Microsoft.Playwright;

namespace CrmFlow.BrowserTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium per test assembly, driven by Playwright. The browser binary comes from
/// <c>CRMFLOW_CHROMIUM</c> (set by tests/run-all.sh); without it the browser tests skip, unless
/// <c>CRMFLOW_REQUIRE_BROWSER=1</c> makes that a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static string? ChromiumPath => Environment.GetEnvironmentVariable("CRMFLOW_CHROMIUM");

    private static bool BrowserRequired => Environment.GetEnvironmentVariable("CRMFLOW_REQUIRE_BROWSER") == "1";

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(ChromiumPath))
        {
            return;
        }

        // Assertions retry until this timeout. Playwright's 5 s default is tight for a Blazor Server circuit on a
        // two-core machine that also runs the host and PostgreSQL; waiting longer only costs time when a test fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>The browser, or a skip (or failure under the test script) when none is configured.</summary>
    public IBrowser RequireBrowser()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        if (BrowserRequired)
        {
            Assert.Fail("CRMFLOW_REQUIRE_BROWSER=1 but no Chromium was configured (CRMFLOW_CHROMIUM).");
        }

        Assert.Skip("No Chromium configured: set CRMFLOW_CHROMIUM to Debian's chromium binary (tests/run-all.sh does).");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
