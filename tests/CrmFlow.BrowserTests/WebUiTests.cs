using System.Text.RegularExpressions;
using CrmFlow.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The CRM web UI: cookie sign-in, allocation, permissions, the 360 view and the language switch.</summary>
[Collection(BrowserGroup.Name)]
public sealed partial class WebUiTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string SalesRep = "陈静 Chen Jing";

    [Fact]
    public async Task Wrong_password_is_refused_and_pages_redirect_to_sign_in()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);

        await page.GotoAsync("/customers");
        await Assertions.Expect(page).ToHaveURLAsync(SignInWithReturnUrl());
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await Assertions.Expect(page).ToHaveURLAsync(SignInWithReturnUrl());
        AssertClean(errors);
    }

    [Fact]
    public async Task Admin_assigns_selected_customers_to_a_rep_and_sees_the_new_owner()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin");

        await Assertions.Expect(page.GetByTestId("customer-owner-C006")).ToHaveTextAsync("No owner");
        await page.GetByTestId("customer-name-C006").ClickAsync();
        await page.GetByTestId("customer-name-C008").ClickAsync();
        await Assertions.Expect(page.GetByTestId("allocation-bar")).ToContainTextAsync("2 selected");

        await page.GetByTestId("allocate-rep").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = SalesRep }).ClickAsync();
        await page.GetByTestId("allocate-assign").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("allocation-result")).ToContainTextAsync("2 customer(s) allocated.");
        await Assertions.Expect(page.GetByTestId("customer-owner-C006")).ToHaveTextAsync(SalesRep);
        await Assertions.Expect(page.GetByTestId("customer-owner-C008")).ToHaveTextAsync(SalesRep);
        AssertClean(errors);
    }

    [Fact]
    public async Task Admin_grants_read_on_a_customer_and_the_grantee_can_then_open_it()
    {
        var (admin, adminErrors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await admin.SignInAsync("admin");
        var customerUrl = await admin.GetByTestId("customer-link-C004").GetAttributeAsync("href");
        Assert.NotNull(customerUrl);

        var (grantee, granteeErrors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await grantee.SignInAsync("marketing", customerUrl);
        await Assertions.Expect(grantee.GetByTestId("customer-not-found")).ToBeVisibleAsync();

        await admin.GotoAsync("/permissions");
        await admin.GetByTestId("permission-customer").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "C004 · Contoso Pharmaceuticals" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("grants-empty")).ToBeVisibleAsync();
        await admin.GetByTestId("grant-user").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "赵敏 Zhao Min (marketing)" }).ClickAsync();
        await admin.GetByTestId("grant-button").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("permission-result")).ToContainTextAsync("Granted to");
        await Assertions.Expect(admin.GetByTestId("grant-access-marketing")).ToHaveTextAsync("Read");

        await grantee.ReloadAsync();
        await Assertions.Expect(grantee.GetByTestId("customer-title")).ToHaveTextAsync("C004 · Contoso Pharmaceuticals");
        await Assertions.Expect(grantee.GetByTestId("financials-hidden")).ToBeVisibleAsync();
        AssertClean(adminErrors);
        AssertClean(granteeErrors);
    }

    [Fact]
    public async Task Customer_360_view_shows_every_tab_for_the_current_year()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin");

        await page.GetByTestId("customer-link-C001").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-title")).ToContainTextAsync("C001");
        var year = DateTime.UtcNow.Year;
        await Assertions.Expect(page.GetByTestId("range-shown")).ToHaveTextAsync($"Showing {year}-01-01 to {year}-12-31");
        string[] tabs =
        [
            "Contacts", "Intents", "Opportunities", "Activities", "Complaints", "Value tier",
            "Orders", "Deliveries", "Invoices", "Receivables", "Receipts",
        ];
        foreach (var tab in tabs)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByTestId("overview-contacts")).ToBeVisibleAsync();
        await page.SelectTabAsync("Complaints");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToBeVisibleAsync();
        await page.SelectTabAsync("Orders");
        await Assertions.Expect(page.GetByTestId("ledger-total")).ToBeVisibleAsync();
        AssertClean(errors);
    }

    [Fact]
    public async Task Language_switch_and_a_Chinese_browser_show_Chinese_labels()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "王磊 Wang Lei" }).ClickAsync();
        await page.GetByTestId("language-zh").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "客户档案" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "数据权限" })).ToBeVisibleAsync();

        var (chinese, chineseErrors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress, locale: "zh-CN");
        await chinese.GotoAsync("/signin");
        await Assertions.Expect(chinese.GetByRole(AriaRole.Heading, new() { Name = "登录 CrmFlow" })).ToBeVisibleAsync();
        AssertClean(errors);
        AssertClean(chineseErrors);
    }

    [Fact]
    public async Task Cookie_session_gets_a_studio_token_while_the_API_still_answers_401_without_credentials()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);

        var anonymous = await page.APIRequest.GetAsync("/api/customers", new() { MaxRedirects = 0 });
        Assert.Equal(401, anonymous.Status);
        var noToken = await page.APIRequest.GetAsync("/api/auth/studio-token", new() { MaxRedirects = 0 });
        Assert.Equal(401, noToken.Status);

        await page.SignInAsync("designer", "/studio");
        var list = page.Locator("elsa-workflow-definition-list");
        await Assertions.Expect(list).ToHaveCountAsync(1);
        Assert.False(string.IsNullOrEmpty(await list.GetAttributeAsync("access-token")));
        await Assertions.Expect(page.GetByTestId("studio-user")).ToHaveTextAsync("designer");
        Assert.DoesNotContain(errors, e => e.Contains("studio-token", StringComparison.Ordinal) || e.Contains("401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rep_creates_a_customer_edits_it_and_adds_a_contact()
    {
        var (page, errors) = await browser.RequireBrowser().NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("sales");
        var code = "UI" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await page.GetByTestId("customer-new").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Code").FillAsync(code);
        await dialog.GetByLabel("Name").FillAsync("Browser-made Ltd");
        await dialog.GetByLabel("Industry").FillAsync("Retail");
        await dialog.GetByTestId("customer-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("customer-title")).ToHaveTextAsync($"{code} · Browser-made Ltd");
        await page.GetByTestId("customer-edit").ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Code")).ToBeDisabledAsync();
        await dialog.GetByLabel("Name").FillAsync("Browser-renamed Ltd");
        await dialog.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-title")).ToHaveTextAsync($"{code} · Browser-renamed Ltd");

        await page.GetByTestId("contact-add").ClickAsync();
        await dialog.GetByLabel("Name").FillAsync("Li Lei");
        await dialog.GetByLabel("E-mail").FillAsync("not-an-address");
        await dialog.GetByTestId("contact-save").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("contact-dialog-error")).ToContainTextAsync("Email");
        await dialog.GetByLabel("E-mail").FillAsync("li.lei@example.com");
        await dialog.GetByTestId("contact-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("overview-contacts")).ToContainTextAsync("li.lei@example.com");

        // A second customer with the same code is refused with the reason, and nothing is created.
        await page.GotoAsync("/customers");
        await page.GetByTestId("customer-new").ClickAsync();
        await dialog.GetByLabel("Code").FillAsync(code);
        await dialog.GetByLabel("Name").FillAsync("Duplicate");
        await dialog.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("customer-dialog-error")).ToContainTextAsync("already in use");
        AssertClean(errors);
    }

    private void AssertClean(List<string> errors)
    {
        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [GeneratedRegex("/signin\\?(error=1&)?returnUrl=")]
    private static partial Regex SignInWithReturnUrl();
}
