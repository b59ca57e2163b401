using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Security;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.IntegrationTests.Complaints;

/// <summary>
/// The complaint process end to end over real HTTP: integration trigger → supervisor's inbox → assignment with
/// permission verification → handling → follow-up (unsatisfied, back to handling) → closed, flow finished.
/// </summary>
public abstract class ComplaintFlowTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Complaint(string? reasonCode = "QUALITY", string? details = "The pump is noisy after two weeks.") => new
    {
        customerCode = "C001",
        contactName = "Zhang Wei",
        reasonCode,
        targetType = "Product",
        targetName = "Pump X200",
        details,
        channel = "Phone",
    };

    [Fact]
    public async Task Bad_integration_requests_are_refused_naming_the_field_and_create_nothing()
    {
        using var integration = Api.Integration();
        var before = await Api.QueryAsync(db => db.Complaints.CountAsync(Ct));

        var unknownReason = await integration.PostAsJsonAsync("/workflows/complaints", Complaint(reasonCode: "NOPE"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownReason.StatusCode);
        Assert.Contains("NOPE", (await unknownReason.ReadAsync())["errors"]!["reasonCode"]![0]!.ToString(), StringComparison.Ordinal);

        var unknownCustomer = await integration.PostAsJsonAsync("/workflows/complaints", new
        {
            customerCode = "ZZZ999", reasonCode = "QUALITY", targetType = "Product", targetName = "Pump", details = "x",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCustomer.StatusCode);
        Assert.NotNull((await unknownCustomer.ReadAsync())["errors"]!["customerCode"]);

        var missing = await integration.PostAsJsonAsync("/workflows/complaints", Complaint(details: null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull((await missing.ReadAsync())["errors"]!["details"]);

        Assert.Equal(before, await Api.QueryAsync(db => db.Complaints.CountAsync(Ct)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().PostAsJsonAsync("/workflows/complaints", Complaint(), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_complaint_runs_from_the_integration_trigger_through_the_inbox_to_closed()
    {
        // 1. An integration posts the complaint with business codes.
        using var integration = Api.Integration();
        var posted = await integration.PostAsJsonAsync("/workflows/complaints", Complaint(), Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var ids = await posted.ReadAsync();
        var complaintId = ids["complaintId"]!.ToString();
        var instanceId = ids["workflowInstanceId"]!.ToString();

        // 2. The supervisors' group inbox has the assignment task; the supervisor claims it.
        var supervisor = await Api.LoginAsync("supervisor");
        var assign = await FindTaskAsync(supervisor, "MyGroups", complaintId, "Assign a handler");
        Assert.Equal("Open", assign["status"]!.ToString());
        Assert.True(assign["canClaim"]!.GetValue<bool>());
        var taskId = assign["id"]!.ToString();
        var details = await GetJsonAsync(supervisor, $"/api/tasks/{taskId}");
        Assert.Contains(details["candidates"]!.AsArray(), c => c!["userName"]!.ToString() == "supervisor" && c["canAccessCustomer"]!.GetValue<bool>());
        var claimed = await supervisor.PostAsync($"/api/tasks/{taskId}/claim", null, Ct);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal("Assigned", (await claimed.ReadAsync())["status"]!.ToString());

        // 3. The form is validated; a handler without permission on the customer is refused with the reason.
        var empty = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { values = new { } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.ReadAsync())["errors"]!["values.handler"]);
        var outsiderId = await Api.CreateUserAsync("handler-without-grant", CrmRoles.ComplaintHandler);
        var refused = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { values = new { handler = outsiderId } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusal = await refused.ReadAsync();
        Assert.Equal("task.user_lacks_access", refusal["code"]!.ToString());
        Assert.Contains("no permission", refusal["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Assigned", (await GetJsonAsync(supervisor, $"/api/tasks/{taskId}"))["task"]!["status"]!.ToString());

        var handlerId = await Api.UserIdAsync("handler");
        var assigned = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { values = new { handler = handlerId, note = "Please call today." } }, Ct);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("Completed", (await assigned.ReadAsync())["task"]!["status"]!.ToString());

        // A second completion is a conflict, not a second resume.
        var again = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { values = new { handler = handlerId } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // 4. The handler handles; 5. the supervisor's follow-up is unsatisfied: back to the handler.
        var handler = await Api.LoginAsync("handler");
        await CompleteAsync(handler, await FindTaskAsync(handler, "Mine", complaintId, "Handle the complaint"), new JsonObject { ["result"] = "Replaced the bearing." });
        await CompleteAsync(supervisor, await FindTaskAsync(supervisor, "Mine", complaintId, "Follow-up visit"),
            new JsonObject { ["satisfied"] = false, ["supervisionResult"] = "Still noisy at night." });
        Assert.Equal("InHandling", (await GetJsonAsync(supervisor, $"/api/complaints/{complaintId}"))["status"]!.ToString());
        await CompleteAsync(handler, await FindTaskAsync(handler, "Mine", complaintId, "Handle the complaint"), new JsonObject { ["result"] = "Replaced the pump." });
        await CompleteAsync(supervisor, await FindTaskAsync(supervisor, "Mine", complaintId, "Follow-up visit"),
            new JsonObject { ["satisfied"] = true, ["supervisionResult"] = "Customer confirmed it is quiet." });

        // 6. Closed, flow finished, the journal shows every step.
        var complaint = await GetJsonAsync(supervisor, $"/api/complaints/{complaintId}");
        Assert.Equal("Closed", complaint["status"]!.ToString());
        Assert.Equal("Finished", complaint["workflowStatus"]!.ToString());
        Assert.Equal(instanceId, complaint["workflowInstanceId"]!.ToString());
        Assert.Equal(2, complaint["handlingRounds"]!.GetValue<int>());
        Assert.True(complaint["customerSatisfied"]!.GetValue<bool>());
        Assert.Equal("Replaced the pump.", complaint["handlingResult"]!.ToString());
        Assert.Empty(complaint["currentSteps"]!.AsArray());
        var completed = complaint["timeline"]!.AsArray().Where(e => e!["event"]!.ToString() == "Completed")
            .Select(e => e!["activityId"]!.ToString()).ToList();
        Assert.Equal(
            ["OpenComplaint1", "CheckSupervisorAccess", "AssignHandlerTask", "AssignComplaint1", "HandleComplaintTask", "RecordHandlingResult1",
             "FollowUpVisitTask", "RecordFollowUp1", "HandleComplaintTask", "RecordHandlingResult1", "FollowUpVisitTask", "RecordFollowUp1"],
            completed);
        var followUps = complaint["timeline"]!.AsArray().Where(e => e!["activityId"]!.ToString() == "RecordFollowUp1" && e["event"]!.ToString() == "Completed")
            .Select(e => e!["outcomes"]![0]!.ToString()).ToList();
        Assert.Equal(["Reopened", "Closed"], followUps);

        // History and the board.
        var history = await GetJsonAsync(supervisor, "/api/tasks?scope=History&pageSize=200");
        Assert.Equal(3, history["items"]!.AsArray().Count(t => t!["reference"]?.ToString() == complaintId));
        var board = (await GetJsonAsync(supervisor, "/api/complaints")).AsArray();
        Assert.DoesNotContain(board, r => r!["id"]!.ToString() == complaintId);
    }

    [Fact]
    public async Task A_candidate_who_cannot_see_the_customer_is_flagged_and_cannot_claim()
    {
        using var integration = Api.Integration();
        var ids = await (await integration.PostAsJsonAsync("/workflows/complaints", Complaint(), Ct)).ReadAsync();
        var complaintId = ids["complaintId"]!.ToString();
        await Api.CreateUserAsync("supervisor-without-grant", CrmRoles.ComplaintSupervisor);
        var outsider = await Api.LoginAsync("supervisor-without-grant");

        var task = await FindTaskAsync(outsider, "MyGroups", complaintId, "Assign a handler");
        Assert.False(task["canClaim"]!.GetValue<bool>());
        var claim = await outsider.PostAsync($"/api/tasks/{task["id"]}/claim", null, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, claim.StatusCode);
        Assert.Equal("task.no_customer_access", (await claim.ReadAsync())["code"]!.ToString());

        var supervisor = await Api.LoginAsync("supervisor");
        var details = await GetJsonAsync(supervisor, $"/api/tasks/{task["id"]}");
        var flagged = details["candidates"]!.AsArray().Single(c => c!["userName"]!.ToString() == "supervisor-without-grant");
        Assert.False(flagged!["canAccessCustomer"]!.GetValue<bool>());

        // Claim, comment, give back, reassign with a reason; counts and filters.
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/tasks/{task["id"]}/claim", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/tasks/{task["id"]}/comments", new { text = "Looking into it." }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/tasks/{task["id"]}/unclaim", null, Ct)).StatusCode);
        var reassign = await supervisor.PostAsJsonAsync($"/api/tasks/{task["id"]}/reassign", new { userId = await Api.UserIdAsync("supervisor"), reason = "I know this customer." }, Ct);
        Assert.Equal(HttpStatusCode.OK, reassign.StatusCode);
        var after = await GetJsonAsync(supervisor, $"/api/tasks/{task["id"]}");
        Assert.Equal("Looking into it.", after["comments"]![0]!["text"]!.ToString());
        Assert.Equal(["Created", "Claimed", "Commented", "Unclaimed", "Reassigned"], after["history"]!.AsArray().Select(h => h!["kind"]!.ToString()).ToList());
        var mine = await GetJsonAsync(supervisor, $"/api/tasks?scope=Mine&customerId={after["task"]!["customerId"]}&sort=Priority");
        Assert.Contains(mine["items"]!.AsArray(), t => t!["id"]!.ToString() == task["id"]!.ToString());
        Assert.True(mine["counts"]!["mine"]!.GetValue<int>() >= 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Api.LoginAsync("handler")).GetAsync("/api/tasks?scope=All", Ct)).StatusCode);
    }

    private static async Task<JsonNode> FindTaskAsync(HttpClient client, string scope, string complaintId, string title)
    {
        var list = await GetJsonAsync(client, $"/api/tasks?scope={scope}&pageSize=200");
        return list["items"]!.AsArray().Single(t => t!["reference"]?.ToString() == complaintId && t["title"]!.ToString() == title)!;
    }

    private static async Task CompleteAsync(HttpClient client, JsonNode task, JsonObject values)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject { ["values"] = values }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class ComplaintFlowTests_Sqlite(SqliteHost host) : ComplaintFlowTests(host), IClassFixture<SqliteHost>;

public sealed class ComplaintFlowTests_PostgreSql(PostgreSqlHost host) : ComplaintFlowTests(host), IClassFixture<PostgreSqlHost>;
