using CrmFlow.BrowserTests.Infrastructure;
using CrmFlow.Crm.Domain.Complaints;
using CrmFlow.Crm.Features.Complaints.RecordComplaint;
using CrmFlow.Workflows.Runtime;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmFlow.BrowserTests;

/// <summary>The task inbox: a supervisor claims a complaint's assignment task and completes it through the form rendered from its fields.</summary>
[Collection(BrowserGroup.Name)]
public sealed class InboxTests(BrowserFixture browser, ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Supervisor_claims_a_task_and_completes_it_through_the_rendered_form()
    {
        var chromium = browser.RequireBrowser();
        RecordedComplaint recorded;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            recorded = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordComplaintCommand(
                "C001", null, "QUALITY", ComplaintTargetType.Product, "Pump X200", "The pump is noisy.", "Phone"), TestContext.Current.CancellationToken);
        }

        var (page, errors) = await chromium.NewCheckedPageAsync(server.BaseAddress);
        await page.SignInAsync("supervisor", "/inbox");
        var row = page.GetByTestId("inbox-table").Locator("tr", new() { HasText = "Assign a handler" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();

        var form = page.GetByTestId("task-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("task-candidates")).ToContainTextAsync("张伟 Zhang Wei");

        // The required handler is missing: the form says so and the task stays open.
        await page.GetByTestId("complete-Assign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-message")).ToContainTextAsync("Please fix the marked fields.");

        await page.GetByTestId("field-handler").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "刘洋 Liu Yang (handler)" }).ClickAsync();
        await page.GetByTestId("complete-Assign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-message")).ToContainTextAsync("\"Assign a handler\" completed.");
        await Assertions.Expect(form).ToBeHiddenAsync();

        // The flow moved on: the handler now has "Handle the complaint".
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var open = await scope.ServiceProvider.GetRequiredService<IUserTaskStore>().ListOpenByInstancesAsync([recorded.WorkflowInstanceId], TestContext.Current.CancellationToken);
            Assert.Equal("Handle the complaint", Assert.Single(open).Spec.Title);
            Assert.Equal(UserTaskStatus.Assigned, open[0].Status);
        }

        BrowserAssert.NoErrors(errors);
        BrowserAssert.NoErrors(server.ServerErrors);
    }
}
