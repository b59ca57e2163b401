using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using CrmFlow.Crm.Domain.Sales;
using CrmFlow.IntegrationTests.Crm;
using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.IntegrationTests.Sales;

/// <summary>
/// The two sales flows end to end over HTTP: <c>intent-promotion</c> (API and HTTP trigger; one transaction) and
/// <c>opportunity-stage-advancement</c> (gates refuse with 422 and codes, then accept; won opportunity's order execution).
/// </summary>
public abstract class SalesFlowTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promoting_a_prospect_intent_converts_the_customer_creates_the_opportunity_grants_the_owner_and_keeps_the_touches()
    {
        var admin = await Api.LoginAsync("admin");
        var (prospectId, repId, intentId) = await ProspectIntentAsync(admin);
        var contacts = await Api.QueryAsync(db => db.Contacts.CountAsync(c => c.CustomerId == prospectId, Ct));
        var mode = await StandardModeAsync(admin);

        var response = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(),
            expectedAmount = 250_000m,
            expectedCloseDate = "2027-03-31",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadAsync();
        var opportunityId = body["opportunityId"]!.GetValue<Guid>();
        Assert.True(body["customerConverted"]!.GetValue<bool>());
        Assert.Equal(repId, body["ownerId"]!.GetValue<Guid>());
        Assert.Equal([repId], body["grantedAccessTo"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        Assert.Equal(2, body["touchesLinked"]!.GetValue<int>());

        var customer = await Api.QueryAsync(db => db.Customers.AsNoTracking().Include(c => c.Permissions).SingleAsync(c => c.Id == prospectId, Ct));
        Assert.Equal(CustomerKind.Formal, customer.Kind);
        Assert.Contains(customer.Permissions, p => p.UserId == repId && p.CanWrite);
        Assert.Equal(contacts, await Api.QueryAsync(db => db.Contacts.CountAsync(c => c.CustomerId == prospectId, Ct)));
        var intent = await Api.QueryAsync(db => db.Intents.AsNoTracking().Include(i => i.Touches).SingleAsync(i => i.Id == intentId, Ct));
        Assert.Equal(IntentStatus.Promoted, intent.Status);
        Assert.Equal(opportunityId, intent.OpportunityId);
        Assert.All(intent.Touches, t => Assert.Equal(opportunityId, t.OpportunityId));

        var opportunity = await GetJsonAsync(admin, $"/api/opportunities/{opportunityId}");
        Assert.Equal(mode["stages"]![0]!["id"]!.GetValue<Guid>(), opportunity["stageId"]!.GetValue<Guid>());
        Assert.Equal(repId, opportunity["ownerId"]!.GetValue<Guid>());
        Assert.Equal(2, opportunity["touches"]!.AsArray().Count);

        // The grant is in the flow's journal: the permission check's outcome and the promotion's output.
        var instanceId = response.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var journal = await (await admin.GetAsync($"/elsa/api/workflow-instances/{instanceId}/journal?take=100", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("MissingAccess", journal, StringComparison.Ordinal);
        Assert.Contains(repId.ToString(), journal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_integration_client_promotes_through_the_http_workflow_trigger()
    {
        var admin = await Api.LoginAsync("admin");
        var (_, _, intentId) = await ProspectIntentAsync(admin);
        var mode = await StandardModeAsync(admin);

        var response = await Api.Integration().PostAsJsonAsync($"/workflows/sales/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(),
            stageId = mode["stages"]![1]!["id"]!.GetValue<Guid>(),
            expectedAmount = 10_000m,
            expectedCloseDate = "2027-01-31",
        }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var opportunityId = (await response.ReadAsync())["opportunityId"]!.GetValue<Guid>();
        var stageId = await Api.QueryAsync(db => db.Opportunities.Where(o => o.Id == opportunityId).Select(o => o.StageId).SingleAsync(Ct));
        Assert.Equal(mode["stages"]![1]!["id"]!.GetValue<Guid>(), stageId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().PostAsJsonAsync($"/workflows/sales/intents/{intentId}/promotion", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_promotion_input_is_400_and_a_refusal_is_422_with_a_code_not_a_fault()
    {
        var admin = await Api.LoginAsync("admin");
        var (_, _, intentId) = await ProspectIntentAsync(admin);

        var invalid = await Api.Integration().PostAsJsonAsync($"/workflows/sales/intents/{intentId}/promotion", new { expectedAmount = -1 }, Ct);
        var unknownMode = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = Guid.NewGuid(), expectedAmount = 1m, expectedCloseDate = "2027-01-31",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.ReadAsync())["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key.EndsWith("SalesModeId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.EndsWith("ExpectedAmount", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownMode.StatusCode);
        Assert.Equal("promotion.unknown_sales_mode", (await unknownMode.ReadAsync())["code"]!.GetValue<string>());
        Assert.Equal(IntentStatus.Open, await Api.QueryAsync(db => db.Intents.Where(i => i.Id == intentId).Select(i => i.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_failure_in_the_middle_of_the_promotion_leaves_nothing_half_written()
    {
        var admin = await Api.LoginAsync("admin");
        var (prospectId, repId, intentId) = await ProspectIntentAsync(admin);
        var mode = await StandardModeAsync(admin);
        var poison = $"boom-{Guid.NewGuid():N}"[..20];
        await Api.QueryAsync(db => InstallInsertFailureAsync(db, poison));

        var response = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(), expectedAmount = 1m, expectedCloseDate = "2027-01-31", name = poison,
        }, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var customer = await Api.QueryAsync(db => db.Customers.AsNoTracking().Include(c => c.Permissions).SingleAsync(c => c.Id == prospectId, Ct));
        Assert.Equal(CustomerKind.Prospect, customer.Kind);
        Assert.DoesNotContain(customer.Permissions, p => p.UserId == repId);
        var intent = await Api.QueryAsync(db => db.Intents.AsNoTracking().Include(i => i.Touches).SingleAsync(i => i.Id == intentId, Ct));
        Assert.Equal(IntentStatus.Open, intent.Status);
        Assert.Null(intent.OpportunityId);
        Assert.All(intent.Touches, t => Assert.Null(t.OpportunityId));
        Assert.False(await Api.QueryAsync(db => db.Opportunities.AnyAsync(o => o.CustomerId == prospectId, Ct)));

        // The same promotion without the poisoned name goes through: the failure left nothing in the way.
        var retry = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(), expectedAmount = 1m, expectedCloseDate = "2027-01-31",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task Stage_advancement_is_refused_by_a_gate_then_accepted_and_the_won_opportunity_shows_its_orders_and_receipts()
    {
        var admin = await Api.LoginAsync("admin");
        var (customerId, _, intentId) = await ProspectIntentAsync(admin);
        var mode = await StandardModeAsync(admin);
        var stages = mode["stages"]!.AsArray().Select(s => s!["id"]!.GetValue<Guid>()).ToList();
        var promoted = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(), stageId = stages[1], expectedAmount = 90_000m, expectedCloseDate = "2027-02-28",
        }, Ct);
        var opportunityId = (await promoted.ReadAsync())["opportunityId"]!.GetValue<Guid>();
        var advance = $"/api/opportunities/{opportunityId}/stage-advancements";

        // Needs analysis → Proposal needs a completed activity.
        var refused = await admin.PostAsJsonAsync(advance, new { summary = "Needs are clear" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.ReadAsync();
        Assert.Equal("stage.gates_unmet", problem["code"]!.GetValue<string>());
        Assert.Equal(["activity_completed"], problem["unmetConditions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(stages[1], await StageOfAsync(opportunityId));

        var adminId = await Api.UserIdAsync("admin");
        var planned = await admin.PostAsJsonAsync($"/api/opportunities/{opportunityId}/activities", new
        {
            kind = "visit", subject = "On-site workshop", executorId = adminId, dueAt = DateTimeOffset.UtcNow.AddDays(1),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var activityId = (await planned.ReadAsync())["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync(
            $"/api/opportunities/{opportunityId}/activities/{activityId}/completion", new { result = "Workshop done" }, Ct)).StatusCode);

        var accepted = await admin.PostAsJsonAsync(advance, new { summary = "Needs are clear" }, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var record = await accepted.ReadAsync();
        Assert.Equal(stages[1], record["fromStageId"]!.GetValue<Guid>());
        Assert.Equal(stages[2], record["toStageId"]!.GetValue<Guid>());
        Assert.True(record["secondsInStage"]!.GetValue<long>() >= 0);

        // Proposal → Negotiation needs a quote; then Closing; then won.
        Assert.Equal("quote_exists", (await (await admin.PostAsJsonAsync(advance, new { summary = "Proposal sent" }, Ct)).ReadAsync())["unmetConditions"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/opportunities/{opportunityId}/quotes", new { amount = 88_000m }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(advance, new { summary = "Proposal sent" }, Ct)).StatusCode);
        var early = await admin.PostAsJsonAsync(advance, new { summary = "Signed", result = "Won" }, Ct);
        Assert.Equal(["last_stage_reached"], (await early.ReadAsync())["unmetConditions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(advance, new { summary = "Terms agreed" }, Ct)).StatusCode);
        var won = await admin.PostAsJsonAsync(advance, new { summary = "Contract signed", result = "Won" }, Ct);
        Assert.Equal(HttpStatusCode.OK, won.StatusCode);
        Assert.Equal("Won", (await won.ReadAsync())["status"]!.GetValue<string>());
        var closedAgain = await admin.PostAsJsonAsync(advance, new { summary = "again", result = "Lost", lostReason = "x" }, Ct);
        Assert.Equal("stage.opportunity_closed", (await closedAgain.ReadAsync())["code"]!.GetValue<string>());

        var details = await GetJsonAsync(admin, $"/api/opportunities/{opportunityId}");
        Assert.Equal("Won", details["status"]!.GetValue<string>());
        Assert.Equal(4, details["stageRecords"]!.AsArray().Count);

        // The sales and AR systems post against the opportunity; the order execution view adds them up.
        var code = await Api.QueryAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Code).SingleAsync(Ct));
        var ledger = await Api.Integration().PostAsJsonAsync("/api/ledger/entries", new
        {
            rows = new object[]
            {
                new { kind = "Order", externalId = $"{code}-SO", customerCode = code, opportunityId, date = "2027-03-01", amount = 88_000m },
                new { kind = "Delivery", externalId = $"{code}-DN", customerCode = code, opportunityId, date = "2027-03-10", amount = 88_000m },
                new { kind = "Invoice", externalId = $"{code}-INV", customerCode = code, opportunityId, date = "2027-03-12", amount = 88_000m },
                new { kind = "Receipt", externalId = $"{code}-RC1", customerCode = code, opportunityId, date = "2027-03-20", amount = 40_000m },
                new { kind = "Receipt", externalId = $"{code}-RC2", customerCode = code, opportunityId, date = "2027-04-20", amount = 30_000m },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        var execution = await GetJsonAsync(admin, $"/api/opportunities/{opportunityId}/order-execution");
        Assert.Equal(88_000m, execution["orderedAmount"]!.GetValue<decimal>());
        Assert.Single(execution["orders"]!.AsArray());
        Assert.Equal(2, execution["receipts"]!.AsArray().Count);
        Assert.Equal(70_000m, execution["cumulativeReceipts"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Team_members_lacking_rights_are_listed_and_not_added_until_granted()
    {
        var admin = await Api.LoginAsync("admin");
        var (customerId, repId, intentId) = await ProspectIntentAsync(admin);
        var mode = await StandardModeAsync(admin);
        var promoted = await admin.PostAsJsonAsync($"/api/intents/{intentId}/promotion", new
        {
            salesModeId = mode["id"]!.GetValue<Guid>(), expectedAmount = 1m, expectedCloseDate = "2027-01-31",
        }, Ct);
        var opportunityId = (await promoted.ReadAsync())["opportunityId"]!.GetValue<Guid>();
        var helper = await Api.CreateUserAsync($"helper-{Guid.NewGuid():N}"[..16], CrmRoles.SalesRep);

        var refused = await admin.PostAsJsonAsync($"/api/opportunities/{opportunityId}/team", new { userIds = new[] { repId, helper } }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.ReadAsync();
        Assert.Equal("opportunity.members_lack_access", problem["code"]!.GetValue<string>());
        Assert.Equal([helper.ToString()], problem["errors"]!["UserIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty((await GetJsonAsync(admin, $"/api/opportunities/{opportunityId}"))["team"]!.AsArray());

        await GrantAsync(admin, customerId, helper, "Write");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/opportunities/{opportunityId}/team", new { userIds = new[] { repId, helper } }, Ct)).StatusCode);
        Assert.Equal(2, (await GetJsonAsync(admin, $"/api/opportunities/{opportunityId}"))["team"]!.AsArray().Count);
    }

    private async Task<(Guid ProspectId, Guid RepId, Guid IntentId)> ProspectIntentAsync(HttpClient admin)
    {
        var repId = await Api.CreateUserAsync($"rep-{Guid.NewGuid():N}"[..16], CrmRoles.SalesRep);
        var code = NewCode("P");
        var created = await admin.PostAsJsonAsync("/api/prospects", new { code, name = "Prospect " + code, industry = "Tea", region = "East", ownerId = repId }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var prospectId = (await created.ReadAsync())["id"]!.GetValue<Guid>();
        await CreateContactAsync(admin, prospectId, "Li Lei");
        await CreateContactAsync(admin, prospectId, "Han Meimei");
        var intent = await admin.PostAsJsonAsync("/api/intents", new { customerId = prospectId, product = "ERP", source = "Fair", description = "50 seats" }, Ct);
        Assert.Equal(HttpStatusCode.Created, intent.StatusCode);
        var intentId = (await intent.ReadAsync())["id"]!.GetValue<Guid>();
        foreach (var summary in new[] { "First call", "Sent brochure" })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/intents/{intentId}/touches", new { channel = "phone", summary }, Ct)).StatusCode);
        }

        return (prospectId, repId, intentId);
    }

    private static async Task<JsonNode> StandardModeAsync(HttpClient client)
    {
        var modes = (await GetJsonAsync(client, "/api/sales-modes")).AsArray();
        return modes.Single(m => m!["code"]!.GetValue<string>() == "STD")!;
    }

    private Task<Guid> StageOfAsync(Guid opportunityId) =>
        Api.QueryAsync(db => db.Opportunities.Where(o => o.Id == opportunityId).Select(o => o.StageId).SingleAsync(Ct));

    /// <summary>A real database failure in the middle of the promotion's transaction: inserting the opportunity named <paramref name="poison"/> raises.</summary>
    private static async Task<bool> InstallInsertFailureAsync(CrmDbContext db, string poison)
    {
        var name = "fail_" + poison.Replace("-", "_", StringComparison.Ordinal);
        if (db.Database.IsNpgsql())
        {
#pragma warning disable EF1002 // test-only DDL; the names are generated above, not user input
            await db.Database.ExecuteSqlRawAsync($"""
                CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END; $$ LANGUAGE plpgsql;
                CREATE TRIGGER {name} BEFORE INSERT ON "Opportunities" FOR EACH ROW WHEN (NEW."Name" = '{poison}') EXECUTE FUNCTION {name}();
                """, Ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync($"""
                CREATE TRIGGER {name} BEFORE INSERT ON "Opportunities" WHEN NEW."Name" = '{poison}' BEGIN SELECT RAISE(ABORT, 'forced failure'); END;
                """, Ct);
#pragma warning restore EF1002
        }

        return true;
    }
}

public sealed class SalesFlowTests_Sqlite(SqliteHost host) : SalesFlowTests(host), IClassFixture<SqliteHost>;

public sealed class SalesFlowTests_PostgreSql(PostgreSqlHost host) : SalesFlowTests(host), IClassFixture<PostgreSqlHost>;
