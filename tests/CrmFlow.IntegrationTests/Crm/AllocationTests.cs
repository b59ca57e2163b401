using System.Net;
using System.Net.Http.Json;
using CrmFlow.Crm.Common.Security;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Crm;

public abstract class AllocationTests(HostFixture host) : CrmApiTests(host)
{
    [Fact]
    public async Task Allocation_sets_the_owner_by_mode_and_never_grants_permission()
    {
        var sales = await Api.LoginAsync("sales");
        var admin = await Api.LoginAsync("admin");
        var salesId = await Api.UserIdAsync("sales");
        var handlerId = await Api.UserIdAsync("handler");
        var id = await CreateCustomerAsync(sales, NewCode(), "Allocation target");

        var assign = await admin.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "Assign", ownerId = handlerId });
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Equal(handlerId, (await GetJsonAsync(admin, $"/api/customers/{id}"))["ownerId"]!.GetValue<Guid>());

        // The new owner got no data permission: the customer stays invisible to them.
        var handler = await Api.LoginAsync("handler");
        Assert.Equal(HttpStatusCode.NotFound, (await handler.GetAsync($"/api/customers/{id}")).StatusCode);
        var grants = (await GetJsonAsync(admin, $"/api/customers/{id}/permissions")).AsArray();
        Assert.DoesNotContain(grants, g => g!["userId"]!.GetValue<Guid>() == handlerId);

        var self = await admin.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "SelfDeveloped" });
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal(salesId, (await GetJsonAsync(admin, $"/api/customers/{id}"))["ownerId"]!.GetValue<Guid>());

        var reclaim = await admin.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "Reclaim" });
        Assert.Equal(HttpStatusCode.OK, reclaim.StatusCode);
        var details = await GetJsonAsync(admin, $"/api/customers/{id}");
        Assert.Null(details["ownerId"]);
        Assert.Null(details["ownerAssignedAt"]);
        Assert.Equal(grants.Count, (await GetJsonAsync(admin, $"/api/customers/{id}/permissions")).AsArray().Count);
    }

    [Fact]
    public async Task The_owner_can_be_edited_on_the_customer()
    {
        var admin = await Api.LoginAsync("admin");
        var salesId = await Api.UserIdAsync("sales");
        var id = await CreateCustomerAsync(admin, NewCode(), "Edited owner");

        var put = await admin.PutAsJsonAsync($"/api/customers/{id}", new { name = "Edited owner", ownerId = salesId });

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(salesId, (await GetJsonAsync(admin, $"/api/customers/{id}"))["ownerId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Assigning_needs_an_owner_and_names_the_field()
    {
        var admin = await Api.LoginAsync("admin");
        var id = await CreateCustomerAsync(admin, NewCode(), "No owner given");

        var response = await admin.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "Assign" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadAsync())["errors"]!["ownerId"]);
    }

    [Fact]
    public async Task A_manager_cannot_allocate_customers_they_may_not_write()
    {
        await Api.CreateUserAsync("alloc-manager", CrmRoles.SalesManager);
        var manager = await Api.LoginAsync("alloc-manager");
        var admin = await Api.LoginAsync("admin");
        var id = await CreateCustomerAsync(admin, NewCode(), "Not the manager's");

        var response = await manager.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "Reclaim" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task New_and_lost_customers_by_rep_follow_creation_assignment_and_transactions()
    {
        var repId = await Api.CreateUserAsync("report-rep", CrmRoles.SalesRep);
        var admin = await Api.LoginAsync("admin");
        var keepCode = NewCode("K");
        var lostCode = NewCode("L");
        var keep = await CreateCustomerAsync(admin, keepCode, "Keeps buying");
        var lost = await CreateCustomerAsync(admin, lostCode, "Stops buying");
        await admin.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { keep, lost }, mode = "Assign", ownerId = repId });

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var thisFrom = today.AddDays(-29);
        var currentReport = await GetJsonAsync(admin, $"/api/reports/new-and-lost-customers?from={thisFrom:yyyy-MM-dd}&to={today:yyyy-MM-dd}&ownerId={repId}");
        var rep = Assert.Single(currentReport["reps"]!.AsArray());
        Assert.Equal([keepCode, lostCode], rep!["newCustomers"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()).Order());
        Assert.Empty(rep["lostCustomers"]!.AsArray());

        // Next period: both bought in the previous 30 days, only one buys again.
        var from = today.AddDays(31);
        var to = today.AddDays(60);
        var ledger = Api.Integration();
        var post = await ledger.PostAsJsonAsync("/api/ledger/entries", new
        {
            rows = new object[]
            {
                new { kind = "Order", externalId = $"{lostCode}-1", customerCode = lostCode, date = today.AddDays(5), amount = 100m },
                new { kind = "Order", externalId = $"{keepCode}-1", customerCode = keepCode, date = today.AddDays(6), amount = 100m },
                new { kind = "Invoice", externalId = $"{keepCode}-2", customerCode = keepCode, date = today.AddDays(40), amount = 100m },
            },
        });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        var nextReport = await GetJsonAsync(admin, $"/api/reports/new-and-lost-customers?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&ownerId={repId}");
        var next = Assert.Single(nextReport["reps"]!.AsArray());
        Assert.Empty(next!["newCustomers"]!.AsArray());
        Assert.Equal(lostCode, Assert.Single(next["lostCustomers"]!.AsArray())!["code"]!.GetValue<string>());
    }
}

public sealed class AllocationTests_Sqlite(SqliteHost host) : AllocationTests(host), IClassFixture<SqliteHost>;

public sealed class AllocationTests_PostgreSql(PostgreSqlHost host) : AllocationTests(host), IClassFixture<PostgreSqlHost>;
