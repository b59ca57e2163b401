using System.Net;
using System.Net.Http.Json;
using CrmFlow.IntegrationTests.Infrastructure;

namespace CrmFlow.IntegrationTests.Crm;

/// <summary>The 360 view's CRM tabs show the customer's intents, opportunities and complaints once they exist.</summary>
public abstract class CustomerOverviewTabsTests(HostFixture host) : CrmApiTests(host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Intents_and_complaints_of_the_customer_appear_in_its_360_view()
    {
        var admin = await Api.LoginAsync("admin");
        var code = NewCode("V");
        var id = await CreateCustomerAsync(admin, code, "Overview target");
        var empty = await GetJsonAsync(admin, $"/api/customers/{id}/overview");
        Assert.Empty(empty["intents"]!.AsArray());
        Assert.Empty(empty["complaints"]!.AsArray());

        var intent = await admin.PostAsJsonAsync("/api/intents", new { customerId = id, product = "Pump P-200", source = "Trade fair" }, Ct);
        Assert.Equal(HttpStatusCode.Created, intent.StatusCode);
        var complaint = await admin.PostAsJsonAsync("/api/complaints", new
        {
            customerCode = code, reasonCode = "QUALITY", targetType = "Product", targetName = "Pump P-100", details = "Noisy.",
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, complaint.StatusCode);

        var overview = await GetJsonAsync(admin, $"/api/customers/{id}/overview");
        var intents = overview["intents"]!.AsArray();
        Assert.Equal("Pump P-200", (string?)Assert.Single(intents)!["title"]);
        Assert.Equal("Open", (string?)intents[0]!["status"]);
        var complaints = overview["complaints"]!.AsArray();
        Assert.EndsWith("· Pump P-100", (string?)Assert.Single(complaints)!["title"], StringComparison.Ordinal);
    }
}

public sealed class CustomerOverviewTabsTests_Sqlite(SqliteHost host) : CustomerOverviewTabsTests(host), IClassFixture<SqliteHost>;

public sealed class CustomerOverviewTabsTests_PostgreSql(PostgreSqlHost host) : CustomerOverviewTabsTests(host), IClassFixture<PostgreSqlHost>;
