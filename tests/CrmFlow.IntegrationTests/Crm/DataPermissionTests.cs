using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Security;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Crm;

public abstract class DataPermissionTests(HostFixture host) : CrmApiTests(host)
{
    [Fact]
    public async Task A_user_without_a_grant_gets_nothing_about_the_customer_or_its_contacts_from_any_endpoint()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("S");
        var name = $"Secret {code}";
        var contactName = $"Hidden {code}";
        var id = await CreateCustomerAsync(admin, code, name);
        var contactId = await CreateContactAsync(admin, id, contactName);
        var prospectCode = NewCode("P");
        var prospectId = await CreateCustomerAsync(admin, prospectCode, $"Secret {prospectCode}", "/api/prospects");
        await CreateContactAsync(admin, prospectId, $"Hidden {prospectCode}");
        var salesId = await Api.UserIdAsync("sales");
        await admin.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "Assign", ownerId = salesId });
        await Api.CreateUserAsync("nogrant-manager", CrmRoles.SalesManager);

        var notFound = await (await admin.GetAsync($"/api/customers/{Guid.NewGuid()}")).ReadAsync();
        foreach (var userName in new[] { "sales", "nogrant-manager" })
        {
            // "sales" even owns the customer: ownership never grants.
            var user = await Api.LoginAsync(userName);
            var leaks = new List<string>();

            async Task ExpectHidden(HttpResponseMessage response, string what, params HttpStatusCode[] allowed)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains(code, StringComparison.OrdinalIgnoreCase) || body.Contains(prospectCode, StringComparison.OrdinalIgnoreCase)
                    || body.Contains(contactName, StringComparison.Ordinal) || body.Contains(name, StringComparison.Ordinal))
                {
                    leaks.Add($"{what}: body reveals the customer");
                }

                if (!allowed.Contains(response.StatusCode))
                {
                    leaks.Add($"{what}: {(int)response.StatusCode}");
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    var problem = JsonNode.Parse(body)!;
                    if (problem["detail"]?.ToString() != notFound["detail"]?.ToString() || problem["code"]?.ToString() != notFound["code"]?.ToString())
                    {
                        leaks.Add($"{what}: 404 differs from a missing customer's");
                    }
                }
            }

            async Task ExpectEmptyList(string url)
            {
                var response = await user.GetAsync(url);
                await ExpectHidden(response, url, HttpStatusCode.OK);
                if (response.StatusCode == HttpStatusCode.OK && (await response.ReadAsync())["total"]!.GetValue<int>() != 0)
                {
                    leaks.Add($"{url}: total counts the customer");
                }
            }

            await ExpectEmptyList($"/api/customers?search={code}");
            await ExpectEmptyList($"/api/customers?search=Secret%20{code}");
            await ExpectEmptyList($"/api/prospects?search={prospectCode}");
            await ExpectEmptyList($"/api/customers?search={code}&ownerId={salesId}");
            await ExpectEmptyList($"/api/contacts?search={Uri.EscapeDataString(contactName)}");
            await ExpectEmptyList($"/api/contacts?search=Hidden%20{prospectCode}");
            await ExpectHidden(await user.GetAsync("/api/customers?pageSize=200"), "list all", HttpStatusCode.OK);
            await ExpectHidden(await user.GetAsync("/api/prospects?pageSize=200"), "list prospects", HttpStatusCode.OK);
            await ExpectHidden(await user.GetAsync("/api/contacts?pageSize=200"), "list contacts", HttpStatusCode.OK);
            await ExpectHidden(await user.GetAsync("/api/customers/export"), "export", HttpStatusCode.OK);
            await ExpectHidden(await user.GetAsync("/api/customers/export?kind=Prospect"), "export prospects", HttpStatusCode.OK);
            await ExpectHidden(await user.GetAsync($"/api/customers/{id}"), "get", HttpStatusCode.NotFound);
            await ExpectHidden(await user.GetAsync($"/api/prospects/{prospectId}"), "get prospect", HttpStatusCode.NotFound);
            await ExpectHidden(await user.GetAsync($"/api/customers/{id}/overview"), "overview", HttpStatusCode.NotFound);
            await ExpectHidden(await user.GetAsync($"/api/customers/{id}/contacts"), "customer contacts", HttpStatusCode.NotFound);
            await ExpectHidden(await user.GetAsync($"/api/contacts/{contactId}"), "contact", HttpStatusCode.NotFound);
            await ExpectHidden(await user.PutAsJsonAsync($"/api/customers/{id}", new { name = "x" }), "update", HttpStatusCode.NotFound);
            await ExpectHidden(await user.DeleteAsync($"/api/customers/{id}"), "delete", HttpStatusCode.NotFound);
            await ExpectHidden(await user.PostAsJsonAsync($"/api/customers/{id}/contacts", new { name = "x" }), "add contact", HttpStatusCode.NotFound);
            await ExpectHidden(await user.PutAsJsonAsync($"/api/contacts/{contactId}", new { name = "x" }), "update contact", HttpStatusCode.NotFound);
            await ExpectHidden(await user.DeleteAsync($"/api/contacts/{contactId}"), "delete contact", HttpStatusCode.NotFound);
            await ExpectHidden(
                await user.PostAsJsonAsync($"/api/customers/{id}/access-checks", new { userIds = new[] { salesId } }), "access check", HttpStatusCode.NotFound);
            await ExpectHidden(
                await user.PostAsJsonAsync("/api/customers/allocations", new { customerIds = new[] { id }, mode = "Reclaim" }),
                "allocate",
                HttpStatusCode.NotFound,
                HttpStatusCode.Forbidden);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await ExpectHidden(
                await user.GetAsync($"/api/reports/new-and-lost-customers?from={today.AddDays(-7):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
                "report",
                HttpStatusCode.OK,
                HttpStatusCode.Forbidden);
            await ExpectHidden(await user.GetAsync($"/api/customers/{id}/permissions"), "grants", HttpStatusCode.Forbidden);

            Assert.Empty(leaks);
        }

        // The administrator's export does carry it (the test above would notice a broken export).
        var adminExport = await (await admin.GetAsync($"/api/customers/export?search={code}")).Content.ReadAsStringAsync();
        Assert.Contains(contactName, adminExport, StringComparison.Ordinal);

        // Nothing was changed by the attempts.
        Assert.Equal(name, (await GetJsonAsync(admin, $"/api/customers/{id}"))["name"]!.GetValue<string>());
        Assert.Equal(contactName, (await GetJsonAsync(admin, $"/api/contacts/{contactId}"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_grants_reveal_the_customer_write_grants_allow_changes_and_revoking_hides_it_again()
    {
        var admin = await Api.LoginAsync("admin");
        var userId = await Api.CreateUserAsync("grant-rep", CrmRoles.SalesRep);
        var rep = await Api.LoginAsync("grant-rep");
        var id = await CreateCustomerAsync(admin, NewCode(), "Granted");
        var contactId = await CreateContactAsync(admin, id, "Granted contact");

        await GrantAsync(admin, id, userId, "Read");
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(1, (await GetJsonAsync(rep, $"/api/customers/{id}/contacts"))["total"]!.GetValue<int>());
        var denied = await rep.PutAsJsonAsync($"/api/contacts/{contactId}", new { name = "Changed" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("customer.no_write_access", (await denied.ReadAsync())["code"]!.GetValue<string>());

        await GrantAsync(admin, id, userId, "Write");
        Assert.Equal(HttpStatusCode.NoContent, (await rep.PutAsJsonAsync($"/api/contacts/{contactId}", new { name = "Changed" })).StatusCode);
        var grant = Assert.Single((await GetJsonAsync(admin, $"/api/customers/{id}/permissions")).AsArray(), g => g!["userId"]!.GetValue<Guid>() == userId);
        Assert.True(grant!["canRead"]!.GetValue<bool>());
        Assert.True(grant["canWrite"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/customers/{id}/permissions/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/contacts/{contactId}")).StatusCode);
    }

    [Fact]
    public async Task Verification_lists_exactly_the_users_lacking_the_requested_right_and_grants_nothing()
    {
        var admin = await Api.LoginAsync("admin");
        var reader = await Api.CreateUserAsync("verify-reader", CrmRoles.ComplaintHandler);
        var writer = await Api.CreateUserAsync("verify-writer", CrmRoles.ComplaintSupervisor);
        var none = await Api.CreateUserAsync("verify-none", CrmRoles.ComplaintHandler);
        var otherAdmin = await Api.CreateUserAsync("verify-admin", CrmRoles.Administrator);
        var unknown = Guid.NewGuid();
        var id = await CreateCustomerAsync(admin, NewCode(), "Verified");
        await GrantAsync(admin, id, reader, "Read");
        await GrantAsync(admin, id, writer, "Write");
        var everyone = new[] { reader, writer, none, otherAdmin, unknown };

        var read = await admin.PostAsJsonAsync($"/api/customers/{id}/access-checks", new { userIds = everyone, access = "Read" });
        var write = await admin.PostAsJsonAsync($"/api/customers/{id}/access-checks", new { userIds = everyone, access = "Write" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(new[] { none, unknown }.Order(), (await read.ReadAsync())["usersWithoutAccess"]!.AsArray().Select(u => u!.GetValue<Guid>()).Order());
        Assert.Equal(new[] { reader, none, unknown }.Order(), (await write.ReadAsync())["usersWithoutAccess"]!.AsArray().Select(u => u!.GetValue<Guid>()).Order());
        Assert.Equal(3, (await GetJsonAsync(admin, $"/api/customers/{id}/permissions")).AsArray().Count); // admin (creator), reader, writer
    }

    [Fact]
    public async Task Administrators_see_customers_nobody_granted_them()
    {
        var sales = await Api.LoginAsync("sales");
        var code = NewCode();
        var id = await CreateCustomerAsync(sales, code, "Created by sales");
        await CreateUserAndLogin();

        var admin = await Api.LoginAsync("verify-admin2");
        Assert.Equal(1, (await GetJsonAsync(admin, $"/api/customers?search={code}"))["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/customers/{id}/overview")).StatusCode);

        async Task CreateUserAndLogin() => await Api.CreateUserAsync("verify-admin2", CrmRoles.Administrator);
    }
}

public sealed class DataPermissionTests_Sqlite(SqliteHost host) : DataPermissionTests(host), IClassFixture<SqliteHost>;

public sealed class DataPermissionTests_PostgreSql(PostgreSqlHost host) : DataPermissionTests(host), IClassFixture<PostgreSqlHost>;
