using CrmFlow.BrowserTests.Infrastructure;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Features.Complaints.MarkComplaintOverdue;
using CrmFlow.Crm.Features.Complaints.RecordComplaint;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The bell and the notifications page: an overdue complaint step reaches its supervisor, who opens the complaint from it.</summary>
[Collection(BrowserGroup.Name)]
public sealed class NotificationTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Supervisor_sees_an_overdue_notification_at_the_bell_opens_the_complaint_and_it_is_read()
    {
        var chromium = browser.RequireBrowser();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var recorded = await sender.Send(new RecordComplaintCommand(
                "C001", null, "QUALITY", ComplaintTargetType.Department, "After-sales", "Nobody called back.", "Phone"), TestContext.Current.CancellationToken);
            Assert.True(await sender.Send(new MarkComplaintOverdueCommand(recorded.WorkflowInstanceId, "Assign a handler", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken));
        }

        var (page, errors) = await chromium.NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("supervisor", "/inbox");
        var badge = page.GetByTestId("notification-count").Locator(".mud-badge");
        await Assertions.Expect(badge).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        var before = int.Parse(await badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByTestId("notification-bell").ClickAsync();
        var row = page.GetByTestId("notifications-table").Locator("tbody tr").First; // newest first
        await Assertions.Expect(row).ToContainTextAsync("Complaint overdue");
        await Assertions.Expect(row.GetByTestId("notification-unread")).ToBeVisibleAsync();

        await row.GetByTestId("notification-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("complaint-detail")).ToContainTextAsync("Nobody called back.");
        if (before == 1)
        {
            await Assertions.Expect(badge).ToBeHiddenAsync();
        }
        else
        {
            await Assertions.Expect(badge).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }

    [Fact]
    public async Task The_customer_360_complaints_tab_unfolds_each_complaints_flow_timeline()
    {
        var chromium = browser.RequireBrowser();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordComplaintCommand(
                "C001", null, "QUALITY", ComplaintTargetType.Product, "Valve V12", "The valve leaks.", "Phone"), TestContext.Current.CancellationToken);
        }

        var (page, errors) = await chromium.NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("admin");
        await page.GetByTestId("customer-link-C001").ClickAsync();
        await page.SelectTabAsync("Complaints");
        var row = page.GetByTestId("overview-complaints").Locator("tr", new() { HasText = "Valve V12" });
        await Assertions.Expect(row).ToContainTextAsync("Awaiting assignment");
        await row.GetByTestId("complaint-timeline-toggle").ClickAsync();
        var timeline = page.GetByTestId("overview-complaint-timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("OpenComplaint1");
        await Assertions.Expect(timeline).ToContainTextAsync("AssignHandlerTask");

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }
}
