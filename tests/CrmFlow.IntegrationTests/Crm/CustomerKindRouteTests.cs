using System.Net;
using System.Net.Http.Json;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Crm;

/// <summary>`/api/customers/{id}` serves formal customers only and `/api/prospects/{id}` prospects only.</summary>
public abstract class CustomerKindRouteTests(HostFixture host) : CrmApiTests(host)
{
    [Fact]
    public async Task Each_route_answers_only_for_its_own_kind()
    {
        var admin = await Api.LoginAsync("admin");
        var customerId = await CreateCustomerAsync(admin, NewCode("F"), "Formal one");
        var prospectId = await CreateCustomerAsync(admin, NewCode("P"), "Prospect one", "/api/prospects");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/customers/{customerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/prospects/{prospectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/prospects/{customerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/customers/{prospectId}")).StatusCode);

        var rename = new { name = "Renamed through the wrong route", industry = (string?)null, region = (string?)null, ownerId = (Guid?)null };
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/prospects/{customerId}", rename)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/customers/{prospectId}")).StatusCode);

        // Nothing changed through the wrong routes.
        Assert.Equal("Formal one", (await GetJsonAsync(admin, $"/api/customers/{customerId}"))["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/prospects/{prospectId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/prospects/{prospectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/prospects/{prospectId}")).StatusCode);
    }
}

public sealed class CustomerKindRouteTests_Sqlite(SqliteHost host) : CustomerKindRouteTests(host), IClassFixture<SqliteHost>;

public sealed class CustomerKindRouteTests_PostgreSql(PostgreSqlHost host) : CustomerKindRouteTests(host), IClassFixture<PostgreSqlHost>;
