using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CrmFlow.IntegrationTests.StudioApi.StudioApiClient;

namespace CrmFlow.IntegrationTests.StudioApi;

/// <summary>
/// Inputs that pick a CRM record (complaint reason, sales mode, stage) offer today's records in the Studio, and the
/// activities that use them route a flow by what was ticked.
/// </summary>
public abstract class RecordChoiceActivitiesTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complaint_reason_sales_mode_and_stage_inputs_offer_the_crms_records()
    {
        using var designer = await Api.LoginAsync("designer");
        var opportunity = await AnyOpportunityAsync();

        var items = (await designer.GetJsonAsync("/descriptors/activities"))["items"]!.AsArray();
        JsonArray Options(string type, string input) => items.Single(d => (string)d!["typeName"]! == type)!["inputs"]!.AsArray()
            .Single(i => (string)i!["name"]! == input)!["uiSpecifications"]!["checklist"]!["checkList"]!["items"]!.AsArray();

        Assert.Contains(Options("CrmFlow.Complaints.ComplaintReasonIs", "Reasons"), o => (string)o!["value"]! == "QUALITY");
        Assert.Contains(Options("CrmFlow.Sales.OpportunityStageIs", "SalesModes"), o => (string)o!["value"]! == opportunity.Mode);
        var stages = Options("CrmFlow.Sales.OpportunityStageIs", "Stages");
        Assert.Contains(stages, o => (string)o!["value"]! == opportunity.Mode + "/" + opportunity.Stage && ((string)o["text"]!).EndsWith(opportunity.Stage, StringComparison.Ordinal));

        // A reason added by the administrator is offered on the next load, without a restart.
        var code = NewCode("R");
        using var admin = await Api.LoginAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/complaint-reasons", new { code, name = "Late delivery " + code }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var refreshed = await designer.PostJsonAsync("/descriptors/activities/CrmFlow.Complaints.ComplaintReasonIs/options/Reasons", new JsonObject());
        Assert.Contains(refreshed["items"]!["checklist"]!["checkList"]!["items"]!.AsArray(), o => (string)o!["value"]! == code);
    }

    [Fact]
    public async Task A_flow_branches_on_the_complaints_reason_and_the_opportunitys_stage()
    {
        using var designer = await Api.LoginAsync("designer");
        using var integration = Api.Integration();
        var posted = await integration.PostAsJsonAsync("/workflows/complaints", new
        {
            customerCode = "C001", reasonCode = "QUALITY", targetType = "Product", targetName = "Pump X200", details = "Noisy.",
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var complaintId = (await posted.ReadAsync())["complaintId"]!.ToString();
        var opportunity = await AnyOpportunityAsync();

        Assert.Equal("yes", await RunAsync(designer, "CrmFlow.Complaints.ComplaintReasonIs", new() { ["complaintId"] = complaintId, ["reasons"] = new[] { "quality" } }));
        Assert.Equal("no", await RunAsync(designer, "CrmFlow.Complaints.ComplaintReasonIs", new() { ["complaintId"] = complaintId, ["reasons"] = new[] { "SERVICE" } }));
        Assert.Equal("yes", await RunAsync(designer, "CrmFlow.Sales.OpportunityStageIs", new()
        {
            ["opportunityId"] = opportunity.Id.ToString(), ["salesModes"] = new[] { opportunity.Mode }, ["stages"] = new[] { opportunity.Mode + "/" + opportunity.Stage },
        }));
        Assert.Equal("yes", await RunAsync(designer, "CrmFlow.Sales.OpportunityStageIs", new() { ["opportunityId"] = opportunity.Id.ToString() }));
        Assert.Equal("no", await RunAsync(designer, "CrmFlow.Sales.OpportunityStageIs", new()
        {
            ["opportunityId"] = opportunity.Id.ToString(), ["stages"] = new[] { opportunity.Mode + "/no such stage" },
        }));

        // An unknown record is an incident of that run, not a silent branch.
        Assert.Equal("faulted", await RunAsync(designer, "CrmFlow.Complaints.ComplaintReasonIs", new() { ["complaintId"] = Guid.NewGuid().ToString(), ["reasons"] = new[] { "QUALITY" } }));
    }

    private Task<(Guid Id, string Mode, string Stage)> AnyOpportunityAsync() => Api.QueryAsync(async db =>
    {
        var row = await (
                from o in db.Opportunities
                join m in db.SalesModes on o.SalesModeId equals m.Id
                join s in db.SalesStages on o.StageId equals s.Id
                orderby o.Name
                select new { o.Id, m.Code, s.Name })
            .FirstAsync(Ct);
        return (row.Id, row.Code, row.Name);
    });

    /// <summary>Publishes Start → <paramref name="type"/> → True: "yes" / False: "no", runs it and answers which branch ran.</summary>
    private static async Task<string> RunAsync(HttpClient designer, string type, Dictionary<string, object> inputs)
    {
        var definitionId = "choice-" + Guid.NewGuid().ToString("N")[..8];
        var decision = Activity("decide", type, 200);
        foreach (var (name, value) in inputs)
        {
            decision[name] = value is string[] list
                ? Input("String[]", "Object", new JsonArray([.. list.Select(v => (JsonNode)v)]).ToJsonString())
                : Input("String", "Literal", (string)value);
        }

        var flow = Flow(definitionId, definitionId, writes: 0);
        var root = flow["root"]!.AsObject();
        root["activities"] = new JsonArray(Activity("start", "Elsa.Start", 0), decision, Write("yes", 400), Write("no", 400));
        root["connections"] = new JsonArray(Connection("start", "Done", "decide"), Connection("decide", "True", "yes"), Connection("decide", "False", "no"));
        await designer.PostJsonAsync("/workflow-definitions", SaveBody(flow, publish: true));

        using var execute = await designer.SendJsonAsync(HttpMethod.Post, $"/workflow-definitions/{definitionId}/execute", new JsonObject { ["versionOptions"] = "Latest" });
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var state = await designer.GetJsonAsync($"/workflow-instances/{instanceId}/execution-state");
        if ((string)state["workflowSubStatus"]! == "Faulted")
        {
            Assert.Equal(HttpStatusCode.InternalServerError, execute.StatusCode); // as Elsa answers a faulted run
            return "faulted";
        }

        Assert.Equal(HttpStatusCode.OK, execute.StatusCode);

        var journal = (await designer.PostJsonAsync($"/workflow-instances/{instanceId}/journal?skip=0&take=100", new JsonObject()))["items"]!.AsArray();
        var ran = journal.Where(r => (string)r!["eventName"]! == "Completed").Select(r => (string)r!["activityId"]!).ToHashSet();
        Assert.True(ran.Contains("yes") ^ ran.Contains("no"), string.Join(", ", ran));
        return ran.Contains("yes") ? "yes" : "no";
    }

    private static JsonObject Input(string typeName, string expressionType, string value) => new()
    {
        ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value }, ["memoryReference"] = null,
    };

    private static JsonObject Write(string id, int x)
    {
        var write = Activity(id, "Elsa.WriteLine", x);
        write["text"] = Input("String", "Literal", id);
        return write;
    }
}

public sealed class RecordChoiceActivitiesTests_Sqlite(SqliteHost host) : RecordChoiceActivitiesTests(host), IClassFixture<SqliteHost>;

public sealed class RecordChoiceActivitiesTests_PostgreSql(PostgreSqlHost host) : RecordChoiceActivitiesTests(host), IClassFixture<PostgreSqlHost>;
